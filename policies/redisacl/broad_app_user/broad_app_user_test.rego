package deploylint.rules.redisacl.broad_app_user_test

import data.deploylint.rules.redisacl.broad_app_user

sel(allcommands, rules) := {"allkeys": false, "keys": [], "allchannels": false, "channels": [], "allcommands": allcommands, "command_rules": rules}

user(name, over) := object.union({
	"name": name, "line": 1, "tokens": ["on"], "enabled": true, "nopass": false, "flags": [],
	"passwords": [], "cleartext": [], "hashes": [], "root": sel(false, []), "selectors": [],
}, over)

acl(users) := {"kind": "redis-acl", "data": {"users": users, "has_default_user": true, "errors": []}}

test_app_user_with_all_commands if {
	r := broad_app_user.deny with input as acl([user("app", {"root": sel(true, ["-flushall"])})])
	some x in r
	contains(x.msg, "@all")
}

test_cosmos_openc3_passes if {
	u := user("openc3", {"root": object.union(sel(false, ["+@read", "+@write", "+@pubsub", "+@connection", "+@transaction", "+info"]), {"allkeys": true, "keys": [{"pattern": "*", "perm": "RW", "token": 2}]})})
	count(broad_app_user.deny) == 0 with input as acl([u])
}

test_scriptrunner_with_all_keys if {
	s := object.union(sel(false, ["+@read"]), {"allkeys": true, "keys": [{"pattern": "*", "perm": "RW", "token": 2}], "allchannels": true, "channels": [{"pattern": "*", "token": 3}]})
	r := broad_app_user.deny with input as acl([user("scriptrunner", {"root": s})])
	{x.path | some x in r} == {["users", 0, "tokens", 2], ["users", 0, "tokens", 3]}
}

test_admin_and_default_are_left_to_acl005 if {
	count(broad_app_user.deny) == 0 with input as acl([user("admin", {"root": sel(true, [])}), user("default", {"root": sel(true, [])})])
}
