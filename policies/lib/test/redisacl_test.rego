# METADATA
# title: users.acl test inputs
# description: |
#   Builders for the input of users.acl rule tests, in the shape scanners/redisacl documents:
#   each user's final state after Redis applies its rules left to right.
package deploylint.test.redisacl

# selector allows all commands or none, then the command rules given (+get, -@admin, …), on no
# keys and no channels.
selector(allcommands, rules) := {
	"allkeys": false, "keys": [], "allchannels": false, "channels": [],
	"allcommands": allcommands, "command_rules": rules,
}

# user is an enabled user without password, commands, keys or selectors, then the fields in over.
user(name, over) := object.union(
	{
		"name": name, "line": 1, "tokens": ["on"], "enabled": true, "nopass": false, "flags": [],
		"passwords": [], "cleartext": [], "hashes": [], "root": selector(false, []), "selectors": [],
	},
	over,
)

# hashed_password is a final password set by token #<sha256 of pw>.
hashed_password(pw, token) := {"form": "hash", "sha256": crypto.sha256(pw), "token": token}

# acl is a users.acl that Redis loads, holding users.
acl(users) := acl_with(users, {})

# acl_with is acl with the other fields of its data in over (has_default_user, errors).
acl_with(users, over) := {"kind": "redis-acl", "data": object.union(
	{"users": users, "has_default_user": true, "errors": []},
	over,
)}

# with_env is acl(users) in a stack whose .env sets the variables of env (name → {value, path, line}).
with_env(users, env) := object.union(acl(users), {"stack": {"env": env}})
