package deploylint.rules.redisacl.cleartext_password_test

import data.deploylint.rules.redisacl.cleartext_password

sel(allcommands, rules) := {"allkeys": false, "keys": [], "allchannels": false, "channels": [], "allcommands": allcommands, "command_rules": rules}

user(name, over) := object.union({
	"name": name, "line": 1, "tokens": ["on"], "enabled": true, "nopass": false, "flags": [],
	"passwords": [], "cleartext": [], "hashes": [], "root": sel(false, []), "selectors": [],
}, over)

acl(users) := {"kind": "redis-acl", "data": {"users": users, "has_default_user": true, "errors": []}}

test_add_is_high_remove_is_medium if {
	u := user("openc3", {"tokens": ["on", ">", "<", ">"], "cleartext": [{"op": ">", "token": 1, "sha256": "x"}, {"op": "<", "token": 2, "sha256": "x"}]})
	r := cleartext_password.deny with input as acl([u])
	count(r) == 2
	{[x.path, object.get(x, "severity", "high")] | some x in r} == {[["users", 0, "tokens", 1], "high"], [["users", 0, "tokens", 2], "medium"]}
}

test_hashes_pass if {
	u := user("openc3", {"hashes": [{"op": "#", "token": 1, "sha256": "x"}]})
	count(cleartext_password.deny) == 0 with input as acl([u])
}
