package deploylint.rules.redisacl.load_error_test

import data.deploylint.rules.redisacl.load_error

sel(allcommands, rules) := {"allkeys": false, "keys": [], "allchannels": false, "channels": [], "allcommands": allcommands, "command_rules": rules}

user(name, over) := object.union({
	"name": name, "line": 1, "tokens": ["on"], "enabled": true, "nopass": false, "flags": [],
	"passwords": [], "cleartext": [], "hashes": [], "root": sel(false, []), "selectors": [],
}, over)

acl(users) := {"kind": "redis-acl", "data": {"users": users, "has_default_user": true, "errors": []}}

test_each_error_reported if {
	inp := {"kind": "redis-acl", "data": {"users": [], "has_default_user": false, "errors": [
		{"line": 1, "token": -1, "msg": "the line does not start with `user <name>`"},
		{"line": 4, "token": -1, "msg": "user \"default\" is already defined on line 3"},
	]}}
	r := load_error.deny with input as inp
	count(r) == 2
	some x in r
	x.path == ["errors", 1]
	startswith(x.msg, "Redis will refuse this file: ")
}

test_clean_file_passes if {
	count(load_error.deny) == 0 with input as acl([user("a", {})])
}
