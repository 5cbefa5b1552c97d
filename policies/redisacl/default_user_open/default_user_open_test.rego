package deploylint.rules.redisacl.default_user_open_test

import data.deploylint.rules.redisacl.default_user_open

sel(allcommands, rules) := {"allkeys": false, "keys": [], "allchannels": false, "channels": [], "allcommands": allcommands, "command_rules": rules}

user(name, over) := object.union({
	"name": name, "line": 1, "tokens": ["on"], "enabled": true, "nopass": false, "flags": [],
	"passwords": [], "cleartext": [], "hashes": [], "root": sel(false, []), "selectors": [],
}, over)

acl(users) := {"kind": "redis-acl", "data": {"users": users, "has_default_user": true, "errors": []}}

test_missing_default_line if {
	inp := {"kind": "redis-acl", "data": {"users": [user("openc3", {})], "has_default_user": false, "errors": []}}
	r := default_user_open.deny with input as inp
	some x in r
	x.anchor == "file"
}

test_default_on_nopass if {
	r := default_user_open.deny with input as acl([user("default", {"nopass": true, "root": sel(true, [])})])
	some x in r
	x.path == ["users", 0]
}

test_default_off_or_with_password_passes if {
	count(default_user_open.deny) == 0 with input as acl([user("default", {"enabled": false, "nopass": true})])
	count(default_user_open.deny) == 0 with input as acl([user("default", {"passwords": [{"form": "hash", "sha256": "x", "token": 1}]})])
}
