package deploylint.rules.files.secret_file_mode_test

import data.deploylint.rules.files.secret_file_mode
import data.deploylint.test.compose
import data.deploylint.test.dotenv
import data.deploylint.test.redisacl

# with_mode is doc as stat(2) found it: mode 420 is 0644, 416 is 0640, 384 is 0600.
with_mode(doc, mode) := object.union(doc, {"file": {"mode": mode}})

secret_env := dotenv.env([["DB_PASSWORD", "x"]])

test_group_or_other_access if {
	acl := object.union(redisacl.acl([]), {"path": "users.acl"})
	count(secret_file_mode.deny) == 1 with input as with_mode(acl, 416)
	r := secret_file_mode.deny with input as with_mode(secret_env, 420)
	some x in r
	contains(x.msg, "0644")
	contains(x.msg, "chmod 600 .env")
}

test_owner_only_or_unchecked_passes if {
	count(secret_file_mode.deny) == 0 with input as with_mode(secret_env, 384)
	count(secret_file_mode.deny) == 0 with input as secret_env
}

test_env_without_secrets_passes if {
	count(secret_file_mode.deny) == 0 with input as with_mode(dotenv.env([["MEDIA_PATH", "/media"]]), 420)
}

test_private_key if {
	key := {"kind": "private-key", "path": "tls/site.key", "data": {"pem_type": "PRIVATE KEY"}}
	count(secret_file_mode.deny) == 1 with input as with_mode(key, 420)
}

test_compose_secret_file if {
	inp := object.union(compose.stack({}), {"path": "compose.yaml", "secret_files": {"secrets/db.txt": 420, "secrets/ok.txt": 384}})
	count(secret_file_mode.deny) == 1 with input as inp
}

# A redis.conf is a secret file when its parser found a password in it, not otherwise.
test_found_secrets_decide if {
	conf := {"kind": "redis-conf", "path": "redis.conf", "data": {}, "file": {"mode": 420}}
	count(secret_file_mode.deny) == 1 with input as object.union(conf, {"holds_secrets": true})
	count(secret_file_mode.deny) == 0 with input as object.union(conf, {"holds_secrets": false})
}
