package deploylint.rules.redisacl.broad_app_user_test

import data.deploylint.rules.redisacl.broad_app_user

sel(allcommands, rules) := {"allkeys": false, "keys": [], "allchannels": false, "channels": [], "allcommands": allcommands, "command_rules": rules}

user(name, over) := object.union(
	{
		"name": name, "line": 1, "tokens": ["on"], "enabled": true, "nopass": false, "flags": [],
		"passwords": [{"form": "hash", "sha256": crypto.sha256("Vd8tq2Lw9Zr4Xk1p"), "token": 1}],
		"cleartext": [], "hashes": [], "root": sel(false, []), "selectors": [],
	},
	over,
)

acl(users) := {"kind": "redis-acl", "data": {"users": users, "has_default_user": true, "errors": []}}

every_key(tok) := {"allkeys": true, "keys": [{"pattern": "*", "perm": "RW", "token": tok}]}

every_channel(tok) := {"allchannels": true, "channels": [{"pattern": "*", "token": tok}]}

cosmos_scriptrunner_root := object.union(sel(false, ["+@read", "+@write", "+@pubsub", "+@hash", "+@connection"]), {
	"keys": [
		{"pattern": "running-script*", "perm": "RW", "token": 4},
		{"pattern": "*script-locks", "perm": "RW", "token": 5},
	],
	"channels": [{"pattern": "script-api:*", "token": 6}],
})

test_app_user_with_all_commands if {
	r := broad_app_user.deny with input as acl([user("default", {"enabled": false}), user("app", {"root": sel(true, ["-flushall"])})])
	count(r) == 1
	some x in r
	x.path == ["users", 1]
	contains(x.msg, "@all")
}

test_app_user_with_admin_command if {
	r := broad_app_user.deny with input as acl([user("app", {"root": sel(false, ["+@read", "+config"])})])
	some x in r
	contains(x.msg, "config")
	count(broad_app_user.deny) == 1 with input as acl([user("app", {"root": sel(false, ["+get"]), "selectors": [sel(false, ["+@dangerous"])]})])
}

# A metrics exporter reads INFO and CONFIG GET.
test_read_only_admin_subcommands_pass if {
	count(broad_app_user.deny) == 0 with input as acl([user("exporter", {"root": sel(false, ["+info", "+config|get", "+ping"])})])
}

test_cosmos_openc3_passes if {
	u := user("openc3", {"root": object.union(sel(false, ["+@read", "+@write", "+@pubsub", "+@connection", "+@transaction", "+info"]), every_key(2))})
	count(broad_app_user.deny) == 0 with input as acl([u])
}

test_cosmos_scriptrunner_passes if {
	count(broad_app_user.deny) == 0 with input as acl([user("scriptrunner", {"root": cosmos_scriptrunner_root})])
}

test_scriptrunner_with_all_keys_and_channels if {
	s := object.union(object.union(sel(false, ["+@read"]), every_key(2)), every_channel(3))
	r := broad_app_user.deny with input as acl([user("scriptrunner", {"root": s})])
	{x.path | some x in r} == {["users", 0, "tokens", 2], ["users", 0, "tokens", 3]}
}

test_scriptrunner_wide_in_a_selector if {
	u := user("scriptrunner", {"root": cosmos_scriptrunner_root, "selectors": [object.union(sel(false, ["+get"]), every_key(9))]})
	r := broad_app_user.deny with input as acl([u])
	{x.path | some x in r} == {["users", 0, "tokens", 9]}
}

test_scriptrunner_renamed_in_env if {
	wide := object.union(sel(false, ["+@read"]), every_key(2))
	inp := object.union(acl([user("scripts", {"root": wide}), user("scriptrunner", {"root": wide})]), {"stack": {"env": {"OPENC3_SR_REDIS_USERNAME": {"value": "scripts", "path": ".env", "line": 4}}}})
	r := broad_app_user.deny with input as inp
	{x.path | some x in r} == {["users", 0, "tokens", 2]}
}

test_admin_default_and_off_users_are_left_out if {
	count(broad_app_user.deny) == 0 with input as acl([
		user("admin", {"root": sel(true, [])}),
		user("default", {"root": sel(true, [])}),
		user("app", {"enabled": false, "root": sel(true, [])}),
		user("scriptrunner", {"enabled": false, "root": object.union(sel(false, ["+@read"]), every_key(2))}),
	])
}
