package deploylint.rules.dotenv.cosmos_redis_password_test

import data.deploylint.rules.dotenv.cosmos_redis_password
import data.deploylint.test.dotenv

test_main_default_is_critical if {
	r := cosmos_redis_password.deny with input as dotenv.env([["OPENC3_REDIS_USERNAME", "openc3"], ["OPENC3_REDIS_PASSWORD", "openc3password"]])
	count(r) == 1
	some x in r
	x.path == ["vars", 1, "value"]
	contains(x.msg, "OPENC3_REDIS_PASSWORD")
}

# The script-runner account is ENV011's.
test_script_runner_default_is_left_out if {
	count(cosmos_redis_password.deny) == 0 with input as dotenv.env([["OPENC3_SR_REDIS_PASSWORD", "scriptrunnerpassword"]])
}

test_changed_password_passes if {
	count(cosmos_redis_password.deny) == 0 with input as dotenv.env([["OPENC3_REDIS_PASSWORD", "v9Lq2Xw7Rt4Zp1Km"], ["OPENC3_SR_REDIS_PASSWORD", "openc3password"]])
}

test_overridden_line_is_not_judged if {
	overridden := object.union(dotenv.variable(1, "OPENC3_REDIS_PASSWORD", "openc3password"), {"effective": false})
	inp := dotenv.file([overridden, dotenv.variable(2, "OPENC3_REDIS_PASSWORD", "v9Lq2Xw7Rt4Zp1Km")])
	count(cosmos_redis_password.deny) == 0 with input as inp
}
