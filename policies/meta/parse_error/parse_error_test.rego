package deploylint.rules.meta.parse_error_test

import data.deploylint.rules.meta.parse_error

test_reports_parser_message if {
	r := parse_error.deny with input as {"kind": "parse-error", "data": {"kind": "dotenv", "message": "unterminated double quote", "error": {}}}
	some x in r
	x.path == ["error"]
	x.msg == "cannot parse this dotenv file: unterminated double quote"
}

test_ends_with_the_fix_of_the_kind if {
	r := parse_error.deny with input as {"kind": "parse-error", "data": {"kind": "compose", "message": "invalid YAML: x", "fix": "check with `docker compose config`", "error": {}}}
	some x in r
	x.msg == "cannot parse this compose file: invalid YAML: x; check with `docker compose config`"
}
