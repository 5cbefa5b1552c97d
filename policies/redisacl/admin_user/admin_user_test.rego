package deploylint.rules.redisacl.admin_user_test

import data.deploylint.rules.redisacl.admin_user

sel(allcommands, rules) := {"allkeys": false, "keys": [], "allchannels": false, "channels": [], "allcommands": allcommands, "command_rules": rules}

user(name, over) := object.union({
	"name": name, "line": 1, "tokens": ["on"], "enabled": true, "nopass": false, "flags": [],
	"passwords": [], "cleartext": [], "hashes": [], "root": sel(false, []), "selectors": [],
}, over)

acl(users) := {"kind": "redis-acl", "data": {"users": users, "has_default_user": true, "errors": []}}

test_enabled_admin_with_default_hash_is_high if {
	u := user("admin", {"passwords": [{"form": "hash", "sha256": crypto.sha256("adminpassword"), "token": 1}], "root": sel(false, ["+@admin"])})
	r := admin_user.deny with input as acl([u])
	some x in r
	x.severity == "high"
	contains(x.msg, "@admin")
}

test_enabled_admin_with_unique_hash_is_medium if {
	u := user("admin", {"passwords": [{"form": "hash", "sha256": crypto.sha256("Vd8tq2Lw9Zr4Xk1p"), "token": 1}], "root": sel(false, ["+@admin"])})
	r := admin_user.deny with input as acl([u])
	some x in r
	x.severity == "medium"
}

test_off_or_declared_admin_passes if {
	off := user("admin", {"enabled": false, "root": sel(false, ["+@admin"])})
	count(admin_user.deny) == 0 with input as acl([off])
	on := user("admin", {"root": sel(false, ["+@admin"])})
	count(admin_user.deny) == 0 with input as acl([on]) with data.deploylint.config.admins.redis_users as ["admin"]
}

test_app_users_are_not_admins if {
	u := user("openc3", {"root": sel(true, [])})
	count(admin_user.deny) == 0 with input as acl([u])
}
