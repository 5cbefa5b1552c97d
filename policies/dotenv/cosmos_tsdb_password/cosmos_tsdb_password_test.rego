package deploylint.rules.dotenv.cosmos_tsdb_password_test

import data.deploylint.rules.dotenv.cosmos_tsdb_password

env(pairs) := {"kind": "dotenv", "data": {"vars": [v |
	some i, p in pairs
	v := {"name": p[0], "value": p[1], "line": i + 1, "quote": "none", "export": false, "effective": true}
]}}

test_default if {
	r := cosmos_tsdb_password.deny with input as env([["OPENC3_TSDB_PASSWORD", "openc3questpassword"]])
	count(r) == 1
}

test_changed_passes if {
	count(cosmos_tsdb_password.deny) == 0 with input as env([["OPENC3_TSDB_PASSWORD", "quest"]])
}
