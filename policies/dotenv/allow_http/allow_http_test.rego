package deploylint.rules.dotenv.allow_http_test

import data.deploylint.rules.dotenv.allow_http

env(pairs) := {"kind": "dotenv", "data": {"vars": [v |
	some i, p in pairs
	v := {"name": p[0], "value": p[1], "line": i + 1, "quote": "none", "export": false, "effective": true}
]}}

test_set if {
	r := allow_http.deny with input as env([["OPENC3_ALLOW_HTTP", "1"]])
	some x in r
	x.anchor == "key"
}

test_empty_or_absent_passes if {
	count(allow_http.deny) == 0 with input as env([["OPENC3_ALLOW_HTTP", ""]])
	count(allow_http.deny) == 0 with input as env([["OPENC3_ALLOW_HTTPS", "1"]])
}
