package deploylint.lib.redisacl_test

import data.deploylint.lib.redisacl
import data.deploylint.test.redisacl as build

sel(allcommands, rules) := build.selector(allcommands, rules)

user(name, root, selectors) := build.user(name, {"root": root, "selectors": selectors})

test_grants_follow_the_base_and_the_last_rule if {
	redisacl.grants(sel(true, []), "@admin")
	not redisacl.grants(sel(true, ["-@admin"]), "@admin")
	redisacl.grants(sel(false, ["+@admin"]), "@admin")
	not redisacl.grants(sel(false, ["+@read"]), "@admin")
	redisacl.grants(sel(true, ["-@admin"]), "@all")
}

test_admin_grant_is_the_broadest if {
	redisacl.admin_grant(user("a", sel(true, []), [])) == "@all"
	redisacl.admin_grant(user("a", sel(false, ["+config", "+@admin"]), [])) == "@admin"
	redisacl.admin_grant(user("a", sel(false, ["+get"]), [sel(false, ["+acl|setuser"])])) == "acl|setuser"
	not redisacl.admin_grant(user("a", sel(false, ["+config|get", "+acl|whoami", "+info"]), []))
	not redisacl.admin_grant(user("a", sel(false, ["+@read", "+@write"]), []))
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
