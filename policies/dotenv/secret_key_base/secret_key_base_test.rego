package deploylint.rules.dotenv.secret_key_base_test

import data.deploylint.rules.dotenv.secret_key_base
import data.deploylint.test.dotenv

shipped := "bdb4300d46c9d4f116ce3dbbd54cac6b20802d8be1c2333cf5f6f90b1627799ac5d043e8460744077bc0bd6aacdd5c4bf53f499a68303c6752e7f327b874b96a"

test_shipped_value_is_high if {
	r := secret_key_base.deny with input as dotenv.env([["SECRET_KEY_BASE", shipped]])
	count(r) == 1
	some x in r
	not x.severity
}

test_short_value_is_medium_and_not_echoed if {
	r := secret_key_base.deny with input as dotenv.env([["SECRET_KEY_BASE", "hunter2hunter2"]])
	some x in r
	x.severity == "medium"
	not contains(x.msg, "hunter2")
}

test_fresh_hex_passes if {
	fresh := concat("", [crypto.sha256("a"), crypto.sha256("b")])
	count(secret_key_base.deny) == 0 with input as dotenv.env([["SECRET_KEY_BASE", fresh]])
}
