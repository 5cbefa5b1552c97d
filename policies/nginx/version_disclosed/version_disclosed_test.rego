package deploylint.rules.nginx.version_disclosed_test

import data.deploylint.rules.nginx.version_disclosed
import data.deploylint.test.nginx

http_block := nginx.directive("http", [], -1)

test_explicit_and_absent if {
	count(version_disclosed.deny) == 1 with input as nginx.conf([nginx.directive("server_tokens", ["build"], -1)], [])
	count(version_disclosed.deny) == 1 with input as nginx.conf([http_block], [])
}

test_off_or_incomplete_passes if {
	count(version_disclosed.deny) == 0 with input as nginx.conf([http_block, nginx.directive("server_tokens", ["off"], 0)], [])
	incomplete := nginx.conf_with([http_block], [], {"include_notes": [{"line": 2}]})
	count(version_disclosed.deny) == 0 with input as incomplete
}
