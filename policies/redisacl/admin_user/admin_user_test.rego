package deploylint.rules.redisacl.admin_user_test

import data.deploylint.rules.redisacl.admin_user

sel(allcommands, rules) := {"allkeys": false, "keys": [], "allchannels": false, "channels": [], "allcommands": allcommands, "command_rules": rules}

user(name, over) := object.union(
	{
		"name": name, "line": 1, "tokens": ["on"], "enabled": true, "nopass": false, "flags": [],
		"passwords": [], "cleartext": [], "hashes": [], "root": sel(false, []), "selectors": [],
	},
	over,
)

acl(users) := {"kind": "redis-acl", "data": {"users": users, "has_default_user": true, "errors": []}}

unique := "Vd8tq2Lw9Zr4Xk1p"

hashed(pw) := [{"form": "hash", "sha256": crypto.sha256(pw), "token": 1}]

# COSMOS line 4: user admin on #<sha256 of adminpassword> +@admin
test_shipped_admin_is_high if {
	u := user("admin", {"line": 4, "passwords": hashed("adminpassword"), "root": sel(false, ["+@admin"])})
	r := admin_user.deny with input as acl([user("default", {"enabled": false}), u])
	count(r) == 1
	some x in r
	x.path == ["users", 1]
	x.anchor == "key"
	x.severity == "high"
	contains(x.msg, "@admin")
	not contains(x.msg, "adminpassword")
}

test_cleartext_admin_is_high if {
	u := user("root", {"passwords": [{"form": "cleartext", "sha256": crypto.sha256(unique), "token": 1}], "cleartext": [{"op": ">", "token": 1, "sha256": crypto.sha256(unique)}], "root": sel(true, [])})
	r := admin_user.deny with input as acl([u])
	some x in r
	x.severity == "high"
	not contains(x.msg, unique)
}

test_unique_hash_is_medium if {
	r := admin_user.deny with input as acl([user("admin", {"passwords": hashed(unique), "root": sel(false, ["+@admin"])})])
	some x in r
	x.severity == "medium"
}

test_default_user_with_password_and_all_commands if {
	r := admin_user.deny with input as acl([user("default", {"passwords": hashed(unique), "root": sel(true, [])})])
	some x in r
	contains(x.msg, "@all")
}

test_admin_commands_and_subcommands if {
	count(admin_user.deny) == 1 with input as acl([user("redis-admin", {"passwords": hashed(unique), "root": sel(false, ["+acl"])})])
	r := admin_user.deny with input as acl([user("admin", {"passwords": hashed(unique), "root": sel(false, ["+@read", "+config|set"])})])
	some x in r
	contains(x.msg, "config|set")
}

test_describing_the_server_is_not_admin if {
	u := user("admin", {"passwords": hashed(unique), "root": sel(false, ["+@read", "+info", "+config|get", "+acl|whoami"])})
	count(admin_user.deny) == 0 with input as acl([u])
}

test_off_or_declared_admin_passes if {
	off := user("admin", {"enabled": false, "passwords": hashed("adminpassword"), "root": sel(false, ["+@admin"])})
	count(admin_user.deny) == 0 with input as acl([off])
	on := user("admin", {"passwords": hashed(unique), "root": sel(false, ["+@admin"])})
	count(admin_user.deny) == 0 with input as acl([on]) with data.deploylint.config.admins.redis_users as ["admin"]
}

test_nopass_and_app_users_are_other_rules if {
	count(admin_user.deny) == 0 with input as acl([user("admin", {"nopass": true, "root": sel(true, [])})])
	count(admin_user.deny) == 0 with input as acl([user("openc3", {"passwords": hashed(unique), "root": sel(true, [])})])
}
