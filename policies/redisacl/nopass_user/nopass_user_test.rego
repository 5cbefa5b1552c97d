package deploylint.rules.redisacl.nopass_user_test

import data.deploylint.rules.redisacl.nopass_user
import data.deploylint.test.redisacl

sel(allcommands, rules) := redisacl.selector(allcommands, rules)

# user has no password (on nopass): this rule is about users that log in without one.
user(name, over) := redisacl.user(name, object.union({"tokens": ["on", "nopass"], "nopass": true}, over))

acl(users) := redisacl.acl(users)

# COSMOS line 1 (user healthcheck on nopass -@all +ping) and the guide's cluster info: the
# parser finds nothing beyond health checks.
test_health_check_only_passes if {
	count(nopass_user.deny) == 0 with input as acl([user("healthcheck", {"root": sel(false, ["+ping"])})])
	count(nopass_user.deny) == 0 with input as acl([user("healthcheck", {"root": sel(false, ["+ping", "+cluster|info", "+auth", "+hello"])})])
}

test_more_than_health_checks_is_high if {
	metrics := user("metrics", {"root": sel(false, ["+ping", "+info"]), "beyond_health": true})
	r := nopass_user.deny with input as acl([redisacl.admin("default", {"enabled": false}), metrics])
	count(r) == 1
	some x in r
	x.path == ["users", 1]
	contains(x.msg, "user metrics")
}

test_key_or_channel_patterns_count if {
	keys := object.union(sel(false, ["+ping"]), {"keys": [{"pattern": "health:*", "perm": "R", "token": 4}]})
	count(nopass_user.deny) == 1 with input as acl([user("probe", {"root": keys, "beyond_health": true})])
	chans := object.union(sel(false, ["+ping"]), {"channels": [{"pattern": "events", "token": 4}]})
	count(nopass_user.deny) == 1 with input as acl([user("probe", {"root": chans, "beyond_health": true})])
}

test_selectors_count if {
	u := user("probe", {"root": sel(false, ["+ping"]), "selectors": [sel(false, ["+get"])], "beyond_health": true})
	count(nopass_user.deny) == 1 with input as acl([u])
}

# Full rights are ACL011's.
test_all_or_admin_is_left_out if {
	count(nopass_user.deny) == 0 with input as acl([user("ops", redisacl.all_commands), user("adm", redisacl.admin_category)])
}

test_default_off_and_passworded_users_are_left_out if {
	count(nopass_user.deny) == 0 with input as acl([
		redisacl.admin("default", object.union(redisacl.all_commands, {"nopass": true})),
		user("ops", object.union(redisacl.all_commands, {"enabled": false})),
		user("app", {"nopass": false, "passwords": [redisacl.hashed_password("Vd8tq2Lw9Zr4Xk1p", 1)], "root": sel(false, ["+get"]), "beyond_health": true}),
	])
}
