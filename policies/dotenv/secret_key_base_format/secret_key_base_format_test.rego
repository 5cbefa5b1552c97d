package deploylint.rules.dotenv.secret_key_base_format_test

import data.deploylint.rules.dotenv.secret_key_base_format
import data.deploylint.test.dotenv

test_short_value_is_reported_and_not_echoed if {
	r := secret_key_base_format.deny with input as dotenv.env([["SECRET_KEY_BASE", "hunter2hunter2"]])
	{x.path | some x in r} == {["vars", 0, "value"]}
	every x in r {
		not contains(x.msg, "hunter2")
	}
}

test_fresh_hex_and_shipped_value_are_left_out if {
	fresh := concat("", [crypto.sha256("a"), crypto.sha256("b")])
	count(secret_key_base_format.deny) == 0 with input as dotenv.env([["SECRET_KEY_BASE", fresh]])
	count(secret_key_base_format.deny) == 0 with input as dotenv.env([["SECRET_KEY_BASE", data.deploylint.data.defaults.cosmos.secret_key_base]])
}
