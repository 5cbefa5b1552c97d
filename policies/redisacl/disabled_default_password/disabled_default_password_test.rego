package deploylint.rules.redisacl.disabled_default_password_test

import data.deploylint.rules.redisacl.disabled_default_password
import data.deploylint.test.redisacl

hashed(name, pw, enabled) := redisacl.user(name, {
	"enabled": enabled,
	"tokens": [{true: "on", false: "off"}[enabled], concat("", ["#", crypto.sha256(pw)]), "+@admin"],
	"passwords": [redisacl.hashed_password(pw, 1)],
	"hashes": [{"op": "#", "token": 1, "sha256": crypto.sha256(pw)}],
})

# COSMOS's admin line, turned off.
test_disabled_user_with_shipped_password if {
	r := disabled_default_password.deny with input as redisacl.acl([hashed("admin", "adminpassword", false)])
	{x.path | some x in r} == {["users", 0, "tokens", 1]}
	some x in r
	contains(x.msg, "\"adminpassword\"")
}

test_enabled_users_and_unique_passwords_are_left_out if {
	count(disabled_default_password.deny) == 0 with input as redisacl.acl([hashed("admin", "adminpassword", true)])
	count(disabled_default_password.deny) == 0 with input as redisacl.acl([hashed("admin", "Vd8tq2Lw9Zr4Xk1p", false)])
}
