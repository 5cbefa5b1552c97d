package deploylint.rules.compose.redis_no_auth_test

import data.deploylint.rules.compose.redis_no_auth
import data.deploylint.test.compose

test_published_without_password_is_critical if {
	redis := compose.service("redis", {"ports": [compose.port("", 6379)]})
	r := redis_no_auth.deny with input as compose.stack({"redis": redis})
	{x.path | some x in r} == {["services", "redis"]}
}

# Reachable on the compose network only it is CMP013's; an optional variable is CMP014's.
test_internal_or_optional_is_left_out if {
	redis := compose.service("redis", {"command": ["redis-server", "--requirepass", ""]})
	count(redis_no_auth.deny) == 0 with input as compose.stack({"redis": redis})
	optional := compose.service("redis", {
		"ports": [compose.port("", 6379)],
		"command": ["redis-server", "--requirepass", "Vd8tq2Lw9Zr4Xk1p"],
		"command_raw": "redis-server --requirepass ${REDIS_PASSWORD}",
	})
	count(redis_no_auth.deny) == 0 with input as compose.stack({"redis": optional})
}

test_authenticated_passes if {
	required := compose.service("redis", {
		"command": ["redis-server", "--requirepass", "Vd8tq2Lw9Zr4Xk1p"],
		"command_raw": "redis-server --requirepass ${REDIS_PASSWORD:?set}",
	})
	count(redis_no_auth.deny) == 0 with input as compose.stack({"redis": required})
	acl := {"redis:/etc/redis/users.acl": {"path": "users.acl", "kind": "redis-acl", "data": {}}}
	count(redis_no_auth.deny) == 0 with input as compose.mounted({"redis": compose.service("redis", {})}, acl)
}

test_unset_password_variable_is_no_password if {
	redis := compose.service("redis", {
		"ports": [compose.port("", 6379)],
		"command": ["redis-server", "--requirepass", "unset"],
		"command_raw": "redis-server --requirepass ${REDIS_PASSWORD}",
	})
	r := redis_no_auth.deny with input as compose.stack_with({"redis": redis}, {"unset_variables": ["REDIS_PASSWORD"]})
	some x in r
	contains(x.msg, "set by no scanned .env")
}

# netbox-docker: sh -c "valkey-server --requirepass $$REDIS_PASSWORD", the password from env_file.
shell_flag(vars) := {"program": "valkey-server", "name": "--requirepass", "value": "", "origin": "shell", "vars": vars, "secret": true, "weak": false}

test_requirepass_in_shell_script_counts if {
	s := compose.service("valkey/valkey", {
		"command": ["sh", "-c", "valkey-server --requirepass $REDIS_PASSWORD"],
		"command_raw": "sh -c valkey-server --requirepass $$REDIS_PASSWORD",
		"environment": {"REDIS_PASSWORD": "H733Kdjndks81"}, "environment_origin": {"REDIS_PASSWORD": "env_file"},
		"command_flags": [shell_flag(["REDIS_PASSWORD"])],
	})
	count(redis_no_auth.deny) == 0 with input as compose.stack({"redis": s})
	lit := compose.service("redis", {"command": ["sh", "-c", "exec redis-server --requirepass x7Qv2LpZ9mWc4RtB"], "command_flags": [object.union(shell_flag([]), {"origin": "literal", "value": "x7Qv2LpZ9mWc4RtB"})]})
	count(redis_no_auth.deny) == 0 with input as compose.stack({"redis": lit})
	acl := compose.service("redis", {"command": ["sh", "-c", "redis-server --aclfile /data/users.acl"], "command_flags": [object.union(shell_flag([]), {"name": "--aclfile", "origin": "literal", "value": "/data/users.acl", "secret": false})]})
	count(redis_no_auth.deny) == 0 with input as compose.stack({"redis": acl})
}

test_shell_variable_the_environment_lacks_is_no_password if {
	s := compose.service("valkey/valkey", {"ports": [compose.port("", 6379)], "command": ["sh", "-c", "valkey-server --requirepass $REDIS_PASSWORD"], "command_flags": [shell_flag(["REDIS_PASSWORD"])]})
	r := redis_no_auth.deny with input as compose.stack({"redis": s})
	some x in r
	contains(x.msg, "shell variable that the service's environment does not set")
}

test_shell_variable_set_unread_or_computed if {
	empty := compose.service("valkey/valkey", {"ports": [compose.port("", 6379)], "environment": {"REDIS_PASSWORD": ""}, "environment_origin": {"REDIS_PASSWORD": "literal"}, "command_flags": [shell_flag(["REDIS_PASSWORD"])]})
	count(redis_no_auth.deny) == 1 with input as compose.stack({"redis": empty})
	unread := compose.service("valkey/valkey", {"command_flags": [shell_flag(["REDIS_PASSWORD"])], "env_files_unread": true})
	count(redis_no_auth.deny) == 0 with input as compose.stack({"redis": unread})
	computed := compose.service("redis", {"command_flags": [shell_flag([])]}) # --requirepass "$(cat /run/secrets/redis)"
	count(redis_no_auth.deny) == 0 with input as compose.stack({"redis": computed})
}

# COSMOS's Redis image loads its users.acl itself; upstream Redis given no command does not.
test_cosmos_redis_image_configures_itself if {
	cosmos := compose.service("openc3inc/openc3-redis", {})
	count(redis_no_auth.deny) == 0 with input as compose.stack({"openc3-redis": cosmos})
	count(redis_no_auth.deny) == 1 with input as compose.stack({"redis": compose.service("redis", {"ports": [compose.port("", 6379)]})})
}

# Bitnami's images take the password from their environment; without one they have none.
test_bitnami_password_variable_authenticates if {
	for_file := compose.service("bitnami/redis", {
		"ports": [compose.port("", 6379)],
		"environment": {"REDIS_PASSWORD_FILE": "/run/secrets/redis"},
	})
	count(redis_no_auth.deny) == 0 with input as compose.stack({"redis": for_file})
	valkey := compose.service("bitnamilegacy/valkey", {
		"ports": [compose.port("", 6379)],
		"environment": {"VALKEY_PASSWORD": "Vd8tq2Lw9Zr4Xk1p"},
	})
	count(redis_no_auth.deny) == 0 with input as compose.stack({"redis": valkey})
	empty := compose.service("bitnami/redis", {"ports": [compose.port("", 6379)], "environment": {"REDIS_PASSWORD": ""}})
	count(redis_no_auth.deny) == 1 with input as compose.stack({"redis": empty})
	other := compose.service("redis", {"ports": [compose.port("", 6379)], "environment": {"REDIS_PASSWORD": "Vd8tq2Lw9Zr4Xk1p"}})
	count(redis_no_auth.deny) == 1 with input as compose.stack({"redis": other})
}
