package deploylint.rules.files.secret_file_mode_test

import data.deploylint.rules.files.secret_file_mode

test_group_or_other_access if {
	r := secret_file_mode.deny with input as {"kind": "dotenv", "path": ".env", "data": {"vars": [{"name": "DB_PASSWORD", "value": "x"}]}, "file": {"mode": 420}}
	some x in r
	contains(x.msg, "0644")
	contains(x.msg, "chmod 600 .env")
	count(secret_file_mode.deny) == 1 with input as {"kind": "redis-acl", "path": "users.acl", "data": {}, "file": {"mode": 416}}
}

test_owner_only_or_unchecked_passes if {
	count(secret_file_mode.deny) == 0 with input as {"kind": "dotenv", "path": ".env", "data": {}, "file": {"mode": 384}}
	count(secret_file_mode.deny) == 0 with input as {"kind": "dotenv", "path": ".env", "data": {}}
}

test_env_without_secrets_passes if {
	count(secret_file_mode.deny) == 0 with input as {"kind": "dotenv", "path": ".env", "data": {"vars": [{"name": "MEDIA_PATH", "value": "/media"}]}, "file": {"mode": 420}}
}

test_private_key if {
	count(secret_file_mode.deny) == 1 with input as {"kind": "private-key", "path": "tls/site.key", "data": {"pem_type": "PRIVATE KEY"}, "file": {"mode": 420}}
}

test_compose_secret_file if {
	count(secret_file_mode.deny) == 1 with input as {"kind": "compose", "path": "compose.yaml", "data": {"services": {}}, "secret_files": {"secrets/db.txt": 420, "secrets/ok.txt": 384}}
}
