package deploylint.rules.redisacl.nopass_admin_test

import data.deploylint.rules.redisacl.nopass_admin
import data.deploylint.test.redisacl

user(name, over) := redisacl.user(name, object.union({"tokens": ["on", "nopass"], "nopass": true}, over))

test_all_or_admin if {
	r := nopass_admin.deny with input as redisacl.acl([user("ops", redisacl.all_commands), user("adm", redisacl.admin_category)])
	{x.path | some x in r} == {["users", 0], ["users", 1]}
}

# +@all -@admin still grants @all, so the parser calls it full power.
test_all_minus_admin_is_still_full if {
	u := user("ops", object.union(redisacl.all_commands, {"root": redisacl.selector(true, ["-@admin"]), "admin_grants": ["@all", "@dangerous", "acl", "config", "module", "debug"]}))
	count(nopass_admin.deny) == 1 with input as redisacl.acl([u])
}

test_lesser_rights_off_and_default_are_left_out if {
	metrics := user("metrics", {"root": redisacl.selector(false, ["+ping", "+info"]), "beyond_health": true})
	count(nopass_admin.deny) == 0 with input as redisacl.acl([metrics])
	count(nopass_admin.deny) == 0 with input as redisacl.acl([user("ops", object.union(redisacl.all_commands, {"enabled": false}))])
	count(nopass_admin.deny) == 0 with input as redisacl.acl([redisacl.admin("default", object.union(redisacl.all_commands, {"nopass": true}))])
}
