package deploylint.rules.dotenv.secret_key_base_test

import data.deploylint.rules.dotenv.secret_key_base
import data.deploylint.test.dotenv

shipped := "bdb4300d46c9d4f116ce3dbbd54cac6b20802d8be1c2333cf5f6f90b1627799ac5d043e8460744077bc0bd6aacdd5c4bf53f499a68303c6752e7f327b874b96a"

test_shipped_value if {
	r := secret_key_base.deny with input as dotenv.env([["SECRET_KEY_BASE", shipped]])
	{x.path | some x in r} == {["vars", 0, "value"]}
}

# A malformed key is ENV013's.
test_short_value_is_left_out if {
	count(secret_key_base.deny) == 0 with input as dotenv.env([["SECRET_KEY_BASE", "hunter2hunter2"]])
}

test_fresh_hex_passes if {
	fresh := concat("", [crypto.sha256("a"), crypto.sha256("b")])
	count(secret_key_base.deny) == 0 with input as dotenv.env([["SECRET_KEY_BASE", fresh]])
}
