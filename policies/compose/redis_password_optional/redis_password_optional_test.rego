package deploylint.rules.compose.redis_password_optional_test

import data.deploylint.rules.compose.redis_password_optional
import data.deploylint.test.compose

test_optional_variable if {
	redis := compose.service("redis", {
		"command": ["redis-server", "--requirepass", "Vd8tq2Lw9Zr4Xk1p"],
		"command_raw": "redis-server --requirepass ${REDIS_PASSWORD}",
	})
	r := redis_password_optional.deny with input as compose.stack({"redis": redis})
	{x.path | some x in r} == {["services", "redis", "command"]}
}

test_required_variable_passes if {
	required := compose.service("redis", {
		"command": ["redis-server", "--requirepass", "Vd8tq2Lw9Zr4Xk1p"],
		"command_raw": "redis-server --requirepass ${REDIS_PASSWORD:?set}",
	})
	count(redis_password_optional.deny) == 0 with input as compose.stack({"redis": required})
}
