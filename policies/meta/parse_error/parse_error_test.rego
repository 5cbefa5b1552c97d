package deploylint.rules.meta.parse_error_test

import data.deploylint.rules.meta.parse_error

test_reports_parser_message if {
	r := parse_error.deny with input as {"kind": "parse-error", "data": {"kind": "dotenv", "message": "unterminated double quote", "error": {}}}
	some x in r
	x.path == ["error"]
	x.msg == "cannot parse this dotenv file: unterminated double quote"
}
