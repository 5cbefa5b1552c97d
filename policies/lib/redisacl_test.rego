package deploylint.lib.redisacl_test

import data.deploylint.lib.redisacl
import data.deploylint.test.redisacl as build

# What a user grants is the parser's fact (scanners/redisacl facts_test.go); the library only
# reads it.
test_admin_grant_is_the_first_listed if {
	redisacl.admin_grant(build.user("a", {"admin_grants": ["@all", "config", "acl|setuser"]})) == "@all"
	redisacl.admin_grant(build.user("a", {"admin_grants": ["acl|setuser"]})) == "acl|setuser"
	not redisacl.admin_grant(build.user("a", {}))
}

test_users_named_follows_the_index if {
	users := [build.admin("default", {"enabled": false}), build.user("a", {}), build.user("a", {"line": 3})]
	redisacl.users_named("a") == [1, 2] with input as build.acl(users)
	redisacl.users_named("default") == [0] with input as build.acl(users)
	redisacl.users_named("b") == [] with input as build.acl(users)
}

test_known_passwords if {
	redisacl.known_sha256[crypto.sha256("openc3password")] == "\"openc3password\""
	redisacl.known_sha256[crypto.sha256("12345678")] == "\"12345678\""
	redisacl.known_sha256[crypto.sha256("secret")] == "\"secret\""
	redisacl.known_sha256[crypto.sha256("")] == "the empty password"
	not redisacl.known_sha256[crypto.sha256("Vd8tq2Lw9Zr4Xk1p")]
}

test_script_user if {
	redisacl.script_user == "scriptrunner"
	redisacl.script_user == "scriptrunner" with input.stack.env as {"OPENC3_SR_REDIS_USERNAME": {"value": "", "path": ".env", "line": 1}}
	redisacl.script_user == "sr" with input.stack.env as {"OPENC3_SR_REDIS_USERNAME": {"value": "sr", "path": ".env", "line": 1}}
}
