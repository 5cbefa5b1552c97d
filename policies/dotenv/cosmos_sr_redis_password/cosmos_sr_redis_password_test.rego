package deploylint.rules.dotenv.cosmos_sr_redis_password_test

import data.deploylint.rules.dotenv.cosmos_sr_redis_password
import data.deploylint.test.dotenv

test_script_runner_default if {
	r := cosmos_sr_redis_password.deny with input as dotenv.env([["OPENC3_SR_REDIS_USERNAME", "scriptrunner"], ["OPENC3_SR_REDIS_PASSWORD", "scriptrunnerpassword"]])
	{x.path | some x in r} == {["vars", 1, "value"]}
	some x in r
	contains(x.msg, "OPENC3_SR_REDIS_PASSWORD")
}

test_main_account_and_changed_password_are_left_out if {
	count(cosmos_sr_redis_password.deny) == 0 with input as dotenv.env([["OPENC3_REDIS_PASSWORD", "openc3password"]])
	count(cosmos_sr_redis_password.deny) == 0 with input as dotenv.env([["OPENC3_SR_REDIS_PASSWORD", "openc3password"]])
}
