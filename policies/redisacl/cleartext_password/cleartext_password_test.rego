package deploylint.rules.redisacl.cleartext_password_test

import data.deploylint.rules.redisacl.cleartext_password
import data.deploylint.test.redisacl

# user scriptrunner on >Lw9Zr4Xk1pVd8tq2 <Lw9Zr4Xk1pVd8tq2 >Vd8tq2Lw9Zr4Xk1p -@all +@read
pw1 := "Lw9Zr4Xk1pVd8tq2"

pw2 := "Vd8tq2Lw9Zr4Xk1p"

scriptrunner := redisacl.user("scriptrunner", {
	"tokens": ["on", ">", "<", ">", "-@all", "+@read"],
	"passwords": [{"form": "cleartext", "sha256": crypto.sha256(pw2), "token": 3}],
	"cleartext": [
		{"op": ">", "token": 1, "sha256": crypto.sha256(pw1)},
		{"op": "<", "token": 2, "sha256": crypto.sha256(pw1)},
		{"op": ">", "token": 3, "sha256": crypto.sha256(pw2)},
	],
	"root": redisacl.selector(false, ["+@read"]),
})

# The removal (<pw, token 2) is ACL009's.
test_adds_are_reported_not_the_removal if {
	r := cleartext_password.deny with input as redisacl.acl([redisacl.admin("default", {"enabled": false}), scriptrunner])
	{x.path | some x in r} == {["users", 1, "tokens", 1], ["users", 1, "tokens", 3]}
}

test_messages_name_the_user_not_the_password if {
	r := cleartext_password.deny with input as redisacl.acl([scriptrunner])
	count(r) == 2
	every x in r {
		contains(x.msg, "user scriptrunner")
		not contains(x.msg, pw1)
		not contains(x.msg, pw2)
		not contains(x.msg, crypto.sha256(pw1))
		not contains(x.msg, crypto.sha256(pw2))
	}
}

test_hashes_pass if {
	h := crypto.sha256(pw1)
	u := redisacl.user("openc3", {
		"tokens": ["on", concat("", ["#", h]), concat("", ["!", h]), concat("", ["#", h])],
		"passwords": [{"form": "hash", "sha256": h, "token": 3}],
		"hashes": [{"op": "#", "token": 1, "sha256": h}, {"op": "!", "token": 2, "sha256": h}, {"op": "#", "token": 3, "sha256": h}],
	})
	count(cleartext_password.deny) == 0 with input as redisacl.acl([u])
}
