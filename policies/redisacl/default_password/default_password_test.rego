package deploylint.rules.redisacl.default_password_test

import data.deploylint.rules.redisacl.default_password
import data.deploylint.test.redisacl

# hashed is a user whose token j is #sha256(pw).
hashed(name, pw, over) := redisacl.user(name, object.union(
	{
		"tokens": ["on", concat("", ["#", crypto.sha256(pw)]), "allkeys", "-@all", "+@read"],
		"passwords": [redisacl.hashed_password(pw, 1)],
		"hashes": [{"op": "#", "token": 1, "sha256": crypto.sha256(pw)}],
	},
	over,
))

# clear is a user whose token 1 is >pw.
clear(name, pw) := redisacl.user(name, object.union(redisacl.all_commands, {
	"tokens": ["on", ">", "~*", "+@all"],
	"passwords": [{"form": "cleartext", "sha256": crypto.sha256(pw), "token": 1}],
	"cleartext": [{"op": ">", "token": 1, "sha256": crypto.sha256(pw)}],
}))

# The shipped COSMOS users.acl, line 2.
test_shipped_cosmos_hash_is_critical_and_named if {
	u := hashed("openc3", "openc3password", {})
	u.passwords[0].sha256 == "022bd57403439b2a3ec0c081cdd35d40a199bbd4ee6fc0e5113edd4fe1c10071"
	r := default_password.deny with input as redisacl.acl([redisacl.user("healthcheck", {"nopass": true}), u])
	count(r) == 1
	some x in r
	x.path == ["users", 1, "tokens", 1]
	contains(x.msg, "user openc3")
	contains(x.msg, "\"openc3password\"")
}

# Salespark / zhongdongy: user default on +@all ~* >12345678
test_weak_cleartext_and_guide_admin if {
	r := default_password.deny with input as redisacl.acl([clear("default", "12345678"), hashed("admin", "admin", {"admin_account": true})])
	{x.path | some x in r} == {["users", 0, "tokens", 1], ["users", 1, "tokens", 1]}
}

test_placeholder_and_empty_password if {
	r := default_password.deny with input as redisacl.acl([hashed("app", "secret", {}), clear("cache", "")])
	count(r) == 2
	some x in r
	x.path == ["users", 1, "tokens", 1]
	contains(x.msg, "the empty password")
}

# A disabled user is ACL010's.
test_disabled_user_is_left_out if {
	count(default_password.deny) == 0 with input as redisacl.acl([hashed("admin", "adminpassword", {"enabled": false, "admin_account": true})])
}

# A default that a later <pw / !hash removed is no longer in the final password set.
test_removed_default_passes if {
	h := crypto.sha256("openc3password")
	u := redisacl.user("openc3", {
		"tokens": ["on", concat("", ["#", h]), concat("", ["!", h])],
		"hashes": [{"op": "#", "token": 1, "sha256": h}, {"op": "!", "token": 2, "sha256": h}],
	})
	count(default_password.deny) == 0 with input as redisacl.acl([u])
}

test_unique_password_passes_and_is_never_printed if {
	unique := "Vd8tq2Lw9Zr4Xk1p"
	count(default_password.deny) == 0 with input as redisacl.acl([hashed("openc3", unique, {}), clear("app", unique)])
	r := default_password.deny with input as redisacl.acl([hashed("openc3", unique, {}), clear("default", "12345678")])
	count(r) == 1
	every x in r {
		not contains(x.msg, unique)
		not contains(x.msg, crypto.sha256("12345678"))
	}
}

# An organisation default from .deploylint.hcl is caught hashed too, and never named.
test_organisation_default_hashed if {
	r := default_password.deny with input as redisacl.acl([hashed("app", "Acme-Winter-24", {})])
		with data.deploylint.config.defaults.passwords as ["Acme-Winter-24"]
	count(r) == 1
	some x in r
	contains(x.msg, "organisation's default passwords")
	not contains(x.msg, "Acme-Winter-24")
}
