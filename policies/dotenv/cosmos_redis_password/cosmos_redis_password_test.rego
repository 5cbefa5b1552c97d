package deploylint.rules.dotenv.cosmos_redis_password_test

import data.deploylint.rules.dotenv.cosmos_redis_password

env(pairs) := {"kind": "dotenv", "data": {"vars": [v |
	some i, p in pairs
	v := {"name": p[0], "value": p[1], "line": i + 1, "quote": "none", "export": false, "effective": true}
]}}

test_main_default_is_critical if {
	r := cosmos_redis_password.deny with input as env([["OPENC3_REDIS_USERNAME", "openc3"], ["OPENC3_REDIS_PASSWORD", "openc3password"]])
	count(r) == 1
	some x in r
	x.path == ["vars", 1, "value"]
	x.severity == "critical"
	contains(x.msg, "OPENC3_REDIS_PASSWORD")
}

test_script_runner_default_is_high if {
	r := cosmos_redis_password.deny with input as env([["OPENC3_SR_REDIS_PASSWORD", "scriptrunnerpassword"]])
	some x in r
	x.severity == "high"
}

test_changed_password_passes if {
	count(cosmos_redis_password.deny) == 0 with input as env([["OPENC3_REDIS_PASSWORD", "v9Lq2Xw7Rt4Zp1Km"], ["OPENC3_SR_REDIS_PASSWORD", "openc3password"]])
}

test_overridden_line_is_not_judged if {
	inp := {"kind": "dotenv", "data": {"vars": [
		{"name": "OPENC3_REDIS_PASSWORD", "value": "openc3password", "line": 1, "effective": false},
		{"name": "OPENC3_REDIS_PASSWORD", "value": "v9Lq2Xw7Rt4Zp1Km", "line": 2, "effective": true},
	]}}
	count(cosmos_redis_password.deny) == 0 with input as inp
}
