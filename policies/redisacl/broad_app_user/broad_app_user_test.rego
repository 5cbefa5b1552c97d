package deploylint.rules.redisacl.broad_app_user_test

import data.deploylint.rules.redisacl.broad_app_user
import data.deploylint.test.redisacl

sel(allcommands, rules) := redisacl.selector(allcommands, rules)

# user has a unique hashed password: this rule is about what a user may do, not how it logs in.
user(name, over) := redisacl.user(name, object.union({"passwords": [redisacl.hashed_password("Vd8tq2Lw9Zr4Xk1p", 1)]}, over))

acl(users) := redisacl.acl(users)

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
	app := user("app", object.union(redisacl.all_commands, {"root": sel(true, ["-flushall"])}))
	r := broad_app_user.deny with input as acl([redisacl.admin("default", {"enabled": false}), app])
	count(r) == 1
	some x in r
	x.path == ["users", 1]
	contains(x.msg, "may run @all")
}

test_app_user_with_dangerous_selector if {
	dangerous := user("app", {
		"root": sel(false, ["+get"]), "selectors": [sel(false, ["+@dangerous"])],
		"admin_grants": ["@dangerous"], "beyond_health": true,
	})
	r := broad_app_user.deny with input as acl([dangerous])
	count(r) == 1
	some x in r
	contains(x.msg, "may run @dangerous")
}

test_app_user_with_admin_command if {
	r := broad_app_user.deny with input as acl([user("app", {"root": sel(false, ["+@read", "+config"]), "admin_grants": ["config"], "beyond_health": true})])
	some x in r
	contains(x.msg, "may run config")
}

# A metrics exporter reads INFO and CONFIG GET: the parser finds no admin grant.
test_read_only_admin_subcommands_pass if {
	exporter := user("exporter", {"root": sel(false, ["+info", "+config|get", "+ping"]), "beyond_health": true})
	count(broad_app_user.deny) == 0 with input as acl([exporter])
}

test_cosmos_openc3_passes if {
	openc3 := sel(false, ["+@read", "+@write", "+@pubsub", "+@connection", "+@transaction", "+info"])
	u := user("openc3", {"root": object.union(openc3, every_key(2)), "beyond_health": true})
	count(broad_app_user.deny) == 0 with input as acl([u])
}

test_cosmos_scriptrunner_passes if {
	count(broad_app_user.deny) == 0 with input as acl([user("scriptrunner", {"root": cosmos_scriptrunner_root, "beyond_health": true})])
}

test_scriptrunner_with_all_keys_and_channels if {
	s := object.union_n([sel(false, ["+@read"]), every_key(2), every_channel(3)])
	u := user("scriptrunner", {"root": s, "beyond_health": true})
	r := broad_app_user.deny with input as acl([u])
	{x.path | some x in r} == {["users", 0, "tokens", 2], ["users", 0, "tokens", 3]}
	every x in r {
		contains(x.msg, "user scriptrunner")
	}
	{x.msg | some x in r; contains(x.msg, "has every key")} != set()
	{x.msg | some x in r; contains(x.msg, "has every channel")} != set()
}

test_scriptrunner_wide_in_a_selector if {
	u := user("scriptrunner", {
		"root": cosmos_scriptrunner_root, "selectors": [object.union(sel(false, ["+get"]), every_key(9))],
		"beyond_health": true,
	})
	r := broad_app_user.deny with input as acl([u])
	{x.path | some x in r} == {["users", 0, "tokens", 9]}
}

test_scriptrunner_renamed_in_env if {
	wide_root := {"root": object.union(sel(false, ["+@read"]), every_key(2)), "beyond_health": true}
	env := {"OPENC3_SR_REDIS_USERNAME": {"value": "scripts", "path": ".env", "line": 4}}
	r := broad_app_user.deny with input as redisacl.with_env([user("scripts", wide_root), user("scriptrunner", wide_root)], env)
	{x.path | some x in r} == {["users", 0, "tokens", 2]}
}

test_admin_default_and_off_users_are_left_out if {
	count(broad_app_user.deny) == 0 with input as acl([
		user("admin", object.union(redisacl.all_commands, {"admin_account": true})),
		user("default", object.union(redisacl.all_commands, {"admin_account": true})),
		user("app", object.union(redisacl.all_commands, {"enabled": false})),
		user("scriptrunner", {
			"enabled": false, "root": object.union(sel(false, ["+@read"]), every_key(2)),
			"beyond_health": true,
		}),
	])
}
