package deploylint.rules.redisacl.cleartext_removal_test

import data.deploylint.rules.redisacl.cleartext_removal
import data.deploylint.test.redisacl

pw := "Lw9Zr4Xk1pVd8tq2"

# user scriptrunner on >pw <pw -@all +@read: the addition is ACL001's, the removal this rule's.
scriptrunner := redisacl.user("scriptrunner", {
	"tokens": ["on", ">", "<", "-@all", "+@read"],
	"cleartext": [
		{"op": ">", "token": 1, "sha256": crypto.sha256(pw)},
		{"op": "<", "token": 2, "sha256": crypto.sha256(pw)},
	],
	"root": redisacl.selector(false, ["+@read"]),
})

test_removal_is_reported_and_names_no_password if {
	r := cleartext_removal.deny with input as redisacl.acl([scriptrunner])
	{x.path | some x in r} == {["users", 0, "tokens", 2]}
	every x in r {
		contains(x.msg, "user scriptrunner")
		not contains(x.msg, pw)
	}
}

test_hashed_removal_passes if {
	h := crypto.sha256(pw)
	u := redisacl.user("openc3", {"tokens": ["on", concat("", ["!", h])], "hashes": [{"op": "!", "token": 1, "sha256": h}]})
	count(cleartext_removal.deny) == 0 with input as redisacl.acl([u])
}
