package deploylint.rules.compose.empty_password_allowed_test

import data.deploylint.rules.compose.empty_password_allowed

services(envs) := {"kind": "compose", "data": {"services": {name: {"image": "x", "environment": env} | some name, env in envs}}}

test_allowances_without_password if {
	r := empty_password_allowed.deny with input as services({
		"redis": {"ALLOW_EMPTY_PASSWORD": "yes"},
		"mysql": {"MYSQL_ALLOW_EMPTY_PASSWORD": "true", "MYSQL_PASSWORD": "Vd8tq2Lw9Zr4Xk1p"},
		"maria": {"MARIADB_ALLOW_EMPTY_ROOT_PASSWORD": "1", "MARIADB_ROOT_PASSWORD": null},
	})
	{x.path | some x in r} == {
		["services", "redis", "environment", "ALLOW_EMPTY_PASSWORD"],
		["services", "mysql", "environment", "MYSQL_ALLOW_EMPTY_PASSWORD"],
		["services", "maria", "environment", "MARIADB_ALLOW_EMPTY_ROOT_PASSWORD"],
	}
	some x in r
	contains(x.msg, "remove ALLOW_EMPTY_PASSWORD")
}

test_moot_or_off_passes if {
	count(empty_password_allowed.deny) == 0 with input as services({
		"redis": {"ALLOW_EMPTY_PASSWORD": "yes", "REDIS_PASSWORD": "Vd8tq2Lw9Zr4Xk1p"},
		"bitnami-file": {"ALLOW_EMPTY_PASSWORD": "yes", "REDIS_PASSWORD_FILE": "/run/secrets/redis"},
		"mysql": {"MYSQL_ALLOW_EMPTY_PASSWORD": "yes", "MYSQL_ROOT_PASSWORD": "Vd8tq2Lw9Zr4Xk1p"},
		"off": {"ALLOW_EMPTY_PASSWORD": "no"},
		"unset": {"MYSQL_ALLOW_EMPTY_PASSWORD": ""},
	})
}
