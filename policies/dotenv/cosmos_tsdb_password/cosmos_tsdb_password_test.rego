package deploylint.rules.dotenv.cosmos_tsdb_password_test

import data.deploylint.rules.dotenv.cosmos_tsdb_password
import data.deploylint.test.dotenv

test_default if {
	r := cosmos_tsdb_password.deny with input as dotenv.env([["OPENC3_TSDB_PASSWORD", "openc3questpassword"]])
	count(r) == 1
}

test_changed_passes if {
	count(cosmos_tsdb_password.deny) == 0 with input as dotenv.env([["OPENC3_TSDB_PASSWORD", "quest"]])
}
