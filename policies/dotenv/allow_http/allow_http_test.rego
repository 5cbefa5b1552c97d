package deploylint.rules.dotenv.allow_http_test

import data.deploylint.rules.dotenv.allow_http
import data.deploylint.test.dotenv

test_set if {
	r := allow_http.deny with input as dotenv.env([["OPENC3_ALLOW_HTTP", "1"]])
	some x in r
	x.anchor == "key"
}

test_empty_or_absent_passes if {
	count(allow_http.deny) == 0 with input as dotenv.env([["OPENC3_ALLOW_HTTP", ""]])
	count(allow_http.deny) == 0 with input as dotenv.env([["OPENC3_ALLOW_HTTPS", "1"]])
}
