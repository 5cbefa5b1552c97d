package deploylint.rules.redisacl.env_mismatch_test

import data.deploylint.rules.redisacl.env_mismatch

sel(allcommands, rules) := {"allkeys": false, "keys": [], "allchannels": false, "channels": [], "allcommands": allcommands, "command_rules": rules}

user(name, over) := object.union({
	"name": name, "line": 1, "tokens": ["on"], "enabled": true, "nopass": false, "flags": [],
	"passwords": [], "cleartext": [], "hashes": [], "root": sel(false, []), "selectors": [],
}, over)

acl(users) := {"kind": "redis-acl", "data": {"users": users, "has_default_user": true, "errors": []}}

with_env(users, env) := object.union(acl(users), {"stack": {"env": env}})

test_mismatch_named_without_values if {
	u := user("openc3", {"passwords": [{"form": "hash", "sha256": crypto.sha256("one-password"), "token": 1}]})
	r := env_mismatch.deny with input as with_env([u], {"OPENC3_REDIS_PASSWORD": {"value": "other-password", "path": ".env", "line": 52}})
	count(r) == 1
	some x in r
	x.path == ["users", 0]
	contains(x.msg, "OPENC3_REDIS_PASSWORD")
	not contains(x.msg, "password\"")
	not contains(x.msg, "other-password")
}

test_match_and_custom_username if {
	u := user("cosmos", {"passwords": [{"form": "cleartext", "sha256": crypto.sha256("p1"), "token": 1}]})
	env := {"OPENC3_REDIS_USERNAME": {"value": "cosmos", "path": ".env", "line": 1}, "OPENC3_REDIS_PASSWORD": {"value": "p1", "path": ".env", "line": 2}}
	count(env_mismatch.deny) == 0 with input as with_env([u], env)
}

test_missing_user if {
	r := env_mismatch.deny with input as with_env([user("openc3", {"nopass": true})], {"OPENC3_SR_REDIS_PASSWORD": {"value": "p", "path": ".env", "line": 3}})
	some x in r
	x.anchor == "file"
	contains(x.msg, "scriptrunner")
}

test_no_env_no_finding if {
	count(env_mismatch.deny) == 0 with input as acl([user("openc3", {})])
}
