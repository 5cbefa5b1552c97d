package deploylint.rules.redisacl.default_user_open_test

import data.deploylint.rules.redisacl.default_user_open

sel(allcommands, rules) := {"allkeys": false, "keys": [], "allchannels": false, "channels": [], "allcommands": allcommands, "command_rules": rules}

user(name, over) := object.union(
	{
		"name": name, "line": 1, "tokens": ["on"], "enabled": true, "nopass": false, "flags": [],
		"passwords": [], "cleartext": [], "hashes": [], "root": sel(false, []), "selectors": [],
	},
	over,
)

acl(users) := {"kind": "redis-acl", "data": {"users": users, "has_default_user": true, "errors": []}}

all_access := object.union(sel(true, []), {"allkeys": true, "keys": [{"pattern": "*", "perm": "RW", "token": 2}], "allchannels": true, "channels": [{"pattern": "*", "token": 3}]})

openc3 := user("openc3", {"passwords": [{"form": "hash", "sha256": crypto.sha256("Vd8tq2Lw9Zr4Xk1p"), "token": 1}]})

test_missing_default_line_is_file_level if {
	inp := {"kind": "redis-acl", "data": {"users": [openc3], "has_default_user": false, "errors": []}}
	r := default_user_open.deny with input as inp
	count(r) == 1
	some x in r
	x.anchor == "file"
	x.path == []
}

# A refused file is ACL007's: Redis does not run with it at all.
test_missing_default_line_in_refused_file_is_left_to_acl007 if {
	inp := {"kind": "redis-acl", "data": {"users": [openc3], "has_default_user": false, "errors": [{"line": 1, "token": -1, "msg": "not a user line"}]}}
	count(default_user_open.deny) == 0 with input as inp
}

# nanolooker line 3: user default on nopass ~* &* +@all
test_default_on_nopass if {
	d := user("default", {"line": 3, "tokens": ["on", "nopass", "~*", "&*", "+@all"], "nopass": true, "root": all_access})
	r := default_user_open.deny with input as acl([d])
	count(r) == 1
	some x in r
	x.path == ["users", 0]
	x.anchor == "key"
}

# "on nopass … off" ends off, and "nopass >pw" ends with a password (Redis clears nopass).
test_final_state_decides if {
	count(default_user_open.deny) == 0 with input as acl([user("default", {"enabled": false, "nopass": true, "root": all_access})])
	count(default_user_open.deny) == 0 with input as acl([user("default", {"passwords": [{"form": "hash", "sha256": crypto.sha256("Vd8tq2Lw9Zr4Xk1p"), "token": 1}], "root": all_access})])
}

test_other_nopass_users_are_acl004s if {
	count(default_user_open.deny) == 0 with input as acl([user("default", {"enabled": false}), user("ops", {"nopass": true, "root": all_access})])
}
