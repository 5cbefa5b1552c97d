package deploylint.rules.dotenv.cosmos_service_password_test

import data.deploylint.rules.dotenv.cosmos_service_password
import data.deploylint.test.dotenv

test_default if {
	r := cosmos_service_password.deny with input as dotenv.env([["OPENC3_SERVICE_PASSWORD", "openc3service"]])
	some x in r
	x.path == ["vars", 0, "value"]
}

test_changed_passes if {
	count(cosmos_service_password.deny) == 0 with input as dotenv.env([["OPENC3_SERVICE_PASSWORD", "openc3service2"]])
}
