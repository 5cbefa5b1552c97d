package deploylint.rules.redisacl.env_mismatch_test

import data.deploylint.rules.redisacl.env_mismatch
import data.deploylint.test.redisacl

hashed(name, pw) := redisacl.user(name, {"passwords": [redisacl.hashed_password(pw, 1)]})

var(value, line) := {"value": value, "path": "cosmos/.env", "line": line}

acl_pw := "Vd8tq2Lw9Zr4Xk1p"

env_pw := "Lw9Zr4Xk1pVd8tq2"

sr_pw := "Zr4Xk1pVd8tq2Lw9"

test_mismatch_is_on_the_user_and_never_prints_either_password if {
	users := [redisacl.admin("default", {"enabled": false}), hashed("openc3", acl_pw)]
	r := env_mismatch.deny with input as redisacl.with_env(users, {"OPENC3_REDIS_PASSWORD": var(env_pw, 52)})
	count(r) == 1
	some x in r
	x.path == ["users", 1]
	x.anchor == "key"
	contains(x.msg, "OPENC3_REDIS_PASSWORD")
	contains(x.msg, "cosmos/.env (line 52)")
	x.related == [{"path": "cosmos/.env", "line": 52, "msg": "OPENC3_REDIS_PASSWORD is set here"}]
	not contains(x.msg, env_pw)
	not contains(x.msg, acl_pw)
	not contains(x.msg, crypto.sha256(acl_pw))
}

test_script_runner_pair if {
	users := [hashed("openc3", acl_pw), hashed("scriptrunner", acl_pw)]
	env := {"OPENC3_REDIS_PASSWORD": var(acl_pw, 1), "OPENC3_SR_REDIS_PASSWORD": var(sr_pw, 3)}
	r := env_mismatch.deny with input as redisacl.with_env(users, env)
	{x.path | some x in r} == {["users", 1]}
}

test_match_with_custom_username_and_cleartext if {
	u := redisacl.user("cosmos", {"passwords": [{"form": "cleartext", "sha256": crypto.sha256(env_pw), "token": 1}]})
	env := {"OPENC3_REDIS_USERNAME": var("cosmos", 1), "OPENC3_REDIS_PASSWORD": var(env_pw, 2)}
	count(env_mismatch.deny) == 0 with input as redisacl.with_env([u, hashed("openc3", acl_pw)], env)
}

test_any_of_several_passwords_matches if {
	u := redisacl.user("openc3", {"passwords": [
		redisacl.hashed_password(acl_pw, 1),
		redisacl.hashed_password(env_pw, 2),
	]})
	count(env_mismatch.deny) == 0 with input as redisacl.with_env([u], {"OPENC3_REDIS_PASSWORD": var(env_pw, 2)})
}

test_nopass_user_accepts_any_password if {
	count(env_mismatch.deny) == 0 with input as redisacl.with_env([redisacl.user("openc3", {"nopass": true})], {"OPENC3_REDIS_PASSWORD": var(env_pw, 2)})
}

test_missing_user_is_file_level if {
	r := env_mismatch.deny with input as redisacl.with_env([hashed("openc3", acl_pw)], {"OPENC3_SR_REDIS_PASSWORD": var(sr_pw, 3)})
	count(r) == 1
	some x in r
	x.anchor == "file"
	contains(x.msg, "scriptrunner")
	not contains(x.msg, sr_pw)
}

test_unset_variables_are_not_compared if {
	count(env_mismatch.deny) == 0 with input as redisacl.with_env([hashed("openc3", acl_pw)], {})
	count(env_mismatch.deny) == 0 with input as redisacl.acl([hashed("openc3", acl_pw)])
	count(env_mismatch.deny) == 0 with input as redisacl.with_env([hashed("openc3", acl_pw)], {"OPENC3_REDIS_USERNAME": var("openc3", 1)})
}
