package deploylint.rules.compose.redis_no_auth_internal_test

import data.deploylint.rules.compose.redis_no_auth_internal
import data.deploylint.test.compose

test_internal_without_password if {
	redis := compose.service("redis", {"command": ["redis-server", "--requirepass", ""]})
	r := redis_no_auth_internal.deny with input as compose.stack({"redis": redis})
	{x.path | some x in r} == {["services", "redis"]}
}

test_published_is_left_out if {
	redis := compose.service("redis", {"ports": [compose.port("", 6379)]})
	count(redis_no_auth_internal.deny) == 0 with input as compose.stack({"redis": redis})
}

test_unset_password_variable_is_no_password if {
	redis := compose.service("redis", {
		"command": ["redis-server", "--requirepass", "unset"],
		"command_raw": "redis-server --requirepass ${REDIS_PASSWORD}",
	})
	r := redis_no_auth_internal.deny with input as compose.stack_with({"redis": redis}, {"unset_variables": ["REDIS_PASSWORD"]})
	some x in r
	contains(x.msg, "set by no scanned .env")
}

shell_flag(vars) := {"program": "valkey-server", "name": "--requirepass", "value": "", "origin": "shell", "vars": vars, "secret": true, "weak": false}

test_shell_variable_the_environment_lacks_is_no_password if {
	s := compose.service("valkey/valkey", {"command": ["sh", "-c", "valkey-server --requirepass $REDIS_PASSWORD"], "command_flags": [shell_flag(["REDIS_PASSWORD"])]})
	r := redis_no_auth_internal.deny with input as compose.stack({"redis": s})
	some x in r
	contains(x.msg, "shell variable that the service's environment does not set")
}
