package deploylint.rules.redisacl.weak_admin_user_test

import data.deploylint.rules.redisacl.weak_admin_user
import data.deploylint.test.redisacl

unique := "Vd8tq2Lw9Zr4Xk1p"

# COSMOS line 4: user admin on #<sha256 of adminpassword> +@admin
test_shipped_admin if {
	u := redisacl.admin("admin", object.union(redisacl.admin_category, {"line": 4, "passwords": [redisacl.hashed_password("adminpassword", 1)]}))
	r := weak_admin_user.deny with input as redisacl.acl([redisacl.admin("default", {"enabled": false}), u])
	{x.path | some x in r} == {["users", 1]}
	some x in r
	contains(x.msg, "(@admin)")
	not contains(x.msg, "adminpassword")
}

test_cleartext_admin if {
	u := redisacl.admin("root", object.union(redisacl.all_commands, {
		"passwords": [{"form": "cleartext", "sha256": crypto.sha256(unique), "token": 1}],
		"cleartext": [{"op": ">", "token": 1, "sha256": crypto.sha256(unique)}],
	}))
	r := weak_admin_user.deny with input as redisacl.acl([u])
	count(r) == 1
	every x in r {
		not contains(x.msg, unique)
	}
}

test_unique_declared_or_off_is_left_out if {
	count(weak_admin_user.deny) == 0 with input as redisacl.acl([redisacl.admin("admin", object.union(redisacl.admin_category, {"passwords": [redisacl.hashed_password(unique, 1)]}))])
	shipped := redisacl.admin("admin", object.union(redisacl.admin_category, {"passwords": [redisacl.hashed_password("adminpassword", 1)]}))
	count(weak_admin_user.deny) == 0 with input as redisacl.acl([shipped]) with data.deploylint.config.admins.redis_users as ["admin"]
	off := redisacl.admin("admin", object.union(redisacl.admin_category, {"enabled": false, "passwords": [redisacl.hashed_password("adminpassword", 1)]}))
	count(weak_admin_user.deny) == 0 with input as redisacl.acl([off])
}
