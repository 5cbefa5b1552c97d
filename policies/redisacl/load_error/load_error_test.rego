package deploylint.rules.redisacl.load_error_test

import data.deploylint.rules.redisacl.load_error
import data.deploylint.test.redisacl

# nanolooker: a #user line, then user default twice.
test_each_error_reported_at_its_place if {
	errors := [
		{"line": 2, "token": -1, "msg": "the line does not start with `user <name>`"},
		{"line": 4, "token": -1, "msg": "user \"default\" is already defined on line 3"},
	]
	r := load_error.deny with input as redisacl.acl_with([redisacl.admin("default", {"line": 3}), redisacl.admin("default", {"line": 4})], {"errors": errors})
	{x.path | some x in r} == {["errors", 0], ["errors", 1]}
	some x in r
	x.path == ["errors", 1]
	x.msg == "Redis will refuse this file: user \"default\" is already defined on line 3"
}

test_clean_file_passes if {
	count(load_error.deny) == 0 with input as redisacl.acl([redisacl.admin("default", {"enabled": false})])
}
