package deploylint.rules.redisacl.default_user_open_test

import data.deploylint.rules.redisacl.default_user_open
import data.deploylint.test.redisacl

# all_access is "~* &* +@all" with the facts the parser computes from it.
all_access := object.union(redisacl.all_commands, {
	"root": object.union(redisacl.selector(true, []), {"allkeys": true, "keys": [{"pattern": "*", "perm": "RW", "token": 2}], "allchannels": true, "channels": [{"pattern": "*", "token": 3}]}),
})

openc3 := redisacl.user("openc3", {"passwords": [redisacl.hashed_password("Vd8tq2Lw9Zr4Xk1p", 1)]})

test_missing_default_line_is_file_level if {
	inp := redisacl.acl_with([openc3], {"has_default_user": false})
	r := default_user_open.deny with input as inp
	count(r) == 1
	some x in r
	x.anchor == "file"
	x.path == []
}

# A refused file is ACL007's: Redis does not run with it at all.
test_missing_default_line_in_refused_file_is_left_to_acl007 if {
	inp := redisacl.acl_with([openc3], {"has_default_user": false, "errors": [{"line": 1, "token": -1, "msg": "not a user line"}]})
	count(default_user_open.deny) == 0 with input as inp
}

# nanolooker line 3: user default on nopass ~* &* +@all
test_default_on_nopass if {
	d := redisacl.admin("default", object.union(all_access, {"line": 3, "tokens": ["on", "nopass", "~*", "&*", "+@all"], "nopass": true}))
	r := default_user_open.deny with input as redisacl.acl([d])
	count(r) == 1
	some x in r
	x.path == ["users", 0]
	x.anchor == "key"
}

# "on nopass … off" ends off, and "nopass >pw" ends with a password (Redis clears nopass).
test_final_state_decides if {
	count(default_user_open.deny) == 0 with input as redisacl.acl([redisacl.admin("default", object.union(all_access, {"enabled": false, "nopass": true}))])
	count(default_user_open.deny) == 0 with input as redisacl.acl([redisacl.admin("default", object.union(all_access, {"passwords": [redisacl.hashed_password("Vd8tq2Lw9Zr4Xk1p", 1)]}))])
}

test_other_nopass_users_are_acl004s if {
	count(default_user_open.deny) == 0 with input as redisacl.acl([redisacl.admin("default", {"enabled": false}), redisacl.user("ops", object.union(all_access, {"nopass": true}))])
}
