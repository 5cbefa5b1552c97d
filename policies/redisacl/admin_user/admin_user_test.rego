package deploylint.rules.redisacl.admin_user_test

import data.deploylint.rules.redisacl.admin_user
import data.deploylint.test.redisacl

unique := "Vd8tq2Lw9Zr4Xk1p"

hashed(pw) := [redisacl.hashed_password(pw, 1)]

# COSMOS line 4 (user admin on #<sha256 of adminpassword> +@admin) and a cleartext admin
# password are ACL012's.
test_weak_passwords_are_left_out if {
	shipped := redisacl.admin("admin", object.union(redisacl.admin_category, {"line": 4, "passwords": hashed("adminpassword")}))
	count(admin_user.deny) == 0 with input as redisacl.acl([redisacl.admin("default", {"enabled": false}), shipped])
	clear := redisacl.admin("root", object.union(redisacl.all_commands, {
		"passwords": [{"form": "cleartext", "sha256": crypto.sha256(unique), "token": 1}],
		"cleartext": [{"op": ">", "token": 1, "sha256": crypto.sha256(unique)}],
	}))
	count(admin_user.deny) == 0 with input as redisacl.acl([clear])
}

test_unique_hash if {
	u := redisacl.admin("admin", object.union(redisacl.admin_category, {"passwords": hashed(unique)}))
	r := admin_user.deny with input as redisacl.acl([redisacl.admin("default", {"enabled": false}), u])
	count(r) == 1
	some x in r
	x.path == ["users", 1]
	x.anchor == "key"
	contains(x.msg, "(@admin)")
}

test_default_user_with_password_and_all_commands if {
	u := redisacl.admin("default", object.union(redisacl.all_commands, {"passwords": hashed(unique)}))
	r := admin_user.deny with input as redisacl.acl([u])
	some x in r
	contains(x.msg, "(@all)")
}

# The message names the first, broadest grant the parser lists.
test_admin_commands_and_subcommands if {
	acl := redisacl.admin("redis-admin", {
		"passwords": hashed(unique), "root": redisacl.selector(false, ["+acl"]),
		"admin_grants": ["acl"], "beyond_health": true,
	})
	count(admin_user.deny) == 1 with input as redisacl.acl([acl])
	config_set := redisacl.admin("admin", {
		"passwords": hashed(unique), "root": redisacl.selector(false, ["+@read", "+config|set"]),
		"admin_grants": ["config|set"], "beyond_health": true,
	})
	r := admin_user.deny with input as redisacl.acl([config_set])
	some x in r
	contains(x.msg, "(config|set)")
}

# +@read +info +config|get +acl|whoami: the parser finds no admin grant.
test_describing_the_server_is_not_admin if {
	describe := redisacl.selector(false, ["+@read", "+info", "+config|get", "+acl|whoami"])
	u := redisacl.admin("admin", {"passwords": hashed(unique), "root": describe, "beyond_health": true})
	count(admin_user.deny) == 0 with input as redisacl.acl([u])
}

test_off_or_declared_admin_passes if {
	off := redisacl.admin("admin", object.union(redisacl.admin_category, {"enabled": false, "passwords": hashed("adminpassword")}))
	count(admin_user.deny) == 0 with input as redisacl.acl([off])
	on := redisacl.admin("admin", object.union(redisacl.admin_category, {"passwords": hashed(unique)}))
	count(admin_user.deny) == 0 with input as redisacl.acl([on]) with data.deploylint.config.admins.redis_users as ["admin"]
}

test_nopass_and_app_users_are_other_rules if {
	nopass := redisacl.admin("admin", object.union(redisacl.all_commands, {"nopass": true}))
	count(admin_user.deny) == 0 with input as redisacl.acl([nopass])
	app := redisacl.user("openc3", object.union(redisacl.all_commands, {"passwords": hashed(unique)}))
	count(admin_user.deny) == 0 with input as redisacl.acl([app])
}
