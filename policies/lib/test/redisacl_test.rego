# METADATA
# title: users.acl test inputs
# description: |
#   Builders for the input of users.acl rule tests, in the shape scanners/redisacl documents:
#   each user's final state after Redis applies its rules left to right, with the facts the
#   parser computes from it (admin_grants, beyond_health, admin_account). A test gives the
#   facts its user would have, as the parser would compute them; the builders only index the
#   users as the parser does (by_name, granting_admin, nopass_users, passwords_by_sha256).
package deploylint.test.redisacl

# selector allows all commands or none, then the command rules given (+get, -@admin, …), on no
# keys and no channels.
selector(allcommands, rules) := {
	"allkeys": false, "keys": [], "allchannels": false, "channels": [],
	"allcommands": allcommands, "command_rules": rules,
}

# user is an enabled user without password, commands, keys or selectors (so no admin grant,
# nothing beyond health checks), not named as an administrator, then the fields in over.
user(name, over) := object.union(
	{
		"name": name, "line": 1, "tokens": ["on"], "enabled": true, "nopass": false, "flags": [],
		"passwords": [], "cleartext": [], "hashes": [], "root": selector(false, []), "selectors": [],
		"admin_grants": [], "beyond_health": false, "admin_account": false,
	},
	over,
)

# admin is user for a name the parser takes for an administrator's (admin, root, default, …).
admin(name, over) := user(name, object.union({"admin_account": true}, over))

# all_commands is the permissions of "+@all" with the facts the parser computes from them: every
# admin target granted, more than health checks.
all_commands := {
	"root": selector(true, []),
	"admin_grants": ["@all", "@admin", "@dangerous", "acl", "config", "module", "debug"],
	"beyond_health": true,
}

# admin_category is the permissions of "+@admin" with the parser's facts.
admin_category := {"root": selector(false, ["+@admin"]), "admin_grants": ["@admin"], "beyond_health": true}

# hashed_password is a final password set by token #<sha256 of pw>.
hashed_password(pw, token) := {"form": "hash", "sha256": crypto.sha256(pw), "token": token}

# acl is a users.acl that Redis loads, holding users.
acl(users) := acl_with(users, {})

# acl_with is acl with the other fields of its data in over (has_default_user, errors).
acl_with(users, over) := {"kind": "redis-acl", "data": object.union(
	{
		"users": users, "has_default_user": true, "errors": [], "by_name": by_name(users),
		"granting_admin": [i | some i, u in users; count(u.admin_grants) > 0],
		"nopass_users": [i | some i, u in users; u.nopass],
		"passwords_by_sha256": by_sha256(users),
	},
	over,
)}

# by_name indexes users by name, as the parser does.
by_name(users) := {u.name: [i | some i, x in users; x.name == u.name] | some u in users}

# by_sha256 indexes the users' final passwords by SHA-256 ([user, password] pairs), as the
# parser does.
by_sha256(users) := {p.sha256: [[i, k] | some i, u in users; some k, x in u.passwords; x.sha256 == p.sha256] |
	some u in users
	some p in u.passwords
}

# with_env is acl(users) in a stack whose .env sets the variables of env (name → {value, path, line}).
with_env(users, env) := object.union(acl(users), {"stack": {"env": env}})
