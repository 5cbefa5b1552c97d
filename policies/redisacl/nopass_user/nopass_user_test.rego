package deploylint.rules.redisacl.nopass_user_test

import data.deploylint.rules.redisacl.nopass_user

sel(allcommands, rules) := {"allkeys": false, "keys": [], "allchannels": false, "channels": [], "allcommands": allcommands, "command_rules": rules}

user(name, over) := object.union({
	"name": name, "line": 1, "tokens": ["on"], "enabled": true, "nopass": false, "flags": [],
	"passwords": [], "cleartext": [], "hashes": [], "root": sel(false, []), "selectors": [],
}, over)

acl(users) := {"kind": "redis-acl", "data": {"users": users, "has_default_user": true, "errors": []}}

test_health_check_only_passes if {
	u := user("healthcheck", {"nopass": true, "root": sel(false, ["+ping", "+cluster|info"])})
	count(nopass_user.deny) == 0 with input as acl([u])
}

test_more_than_health_checks_is_high if {
	u := user("metrics", {"nopass": true, "root": sel(false, ["+ping", "+info"])})
	r := nopass_user.deny with input as acl([u])
	some x in r
	x.severity == "high"
}

test_keys_count_too if {
	s := object.union(sel(false, ["+ping"]), {"keys": [{"pattern": "health:*", "perm": "R", "token": 3}]})
	count(nopass_user.deny) == 1 with input as acl([user("probe", {"nopass": true, "root": s})])
}

test_all_commands_is_critical if {
	r := nopass_user.deny with input as acl([user("ops", {"nopass": true, "root": sel(true, [])})])
	some x in r
	x.severity == "critical"
}

test_default_and_off_users_are_left_out if {
	count(nopass_user.deny) == 0 with input as acl([user("default", {"nopass": true, "root": sel(true, [])}), user("ops", {"enabled": false, "nopass": true, "root": sel(true, [])})])
}
