package deploylint.rules.compose.redis_no_auth_test

import data.deploylint.rules.compose.redis_no_auth
import data.deploylint.test.compose

test_published_without_password_is_critical if {
	redis := compose.service("redis", {"ports": [compose.port("", 6379)]})
	r := redis_no_auth.deny with input as compose.stack({"redis": redis})
	some x in r
	x.severity == "critical"
}

test_internal_without_password_is_high if {
	redis := compose.service("redis", {"command": ["redis-server", "--requirepass", ""]})
	r := redis_no_auth.deny with input as compose.stack({"redis": redis})
	some x in r
	x.severity == "high"
}

test_optional_variable_is_medium if {
	redis := compose.service("redis", {
		"command": ["redis-server", "--requirepass", "Vd8tq2Lw9Zr4Xk1p"],
		"command_raw": "redis-server --requirepass ${REDIS_PASSWORD}",
	})
	r := redis_no_auth.deny with input as compose.stack({"redis": redis})
	some x in r
	x.severity == "medium"
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
		"command": ["redis-server", "--requirepass", "unset"],
		"command_raw": "redis-server --requirepass ${REDIS_PASSWORD}",
	})
	r := redis_no_auth.deny with input as compose.stack_with({"redis": redis}, {"unset_variables": ["REDIS_PASSWORD"]})
	some x in r
	x.severity == "high"
	contains(x.msg, "set by no scanned .env")
}
