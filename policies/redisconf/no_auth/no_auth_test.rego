package deploylint.rules.redisconf.no_auth_test

import data.deploylint.rules.redisconf.no_auth

conf(ds) := {"kind": "redis-conf", "data": {"directives": [d |
	some i, x in ds
	d := {"name": x[0], "args": array.slice(x, 1, count(x)), "line": i + 1}
]}}

test_exposed_without_auth if {
	r := no_auth.deny with input as conf([["bind", "0.0.0.0"], ["port", "6379"]])
	some x in r
	x.path == ["directives", 0]
}

test_no_bind_relies_on_protected_mode if {
	count(no_auth.deny) == 0 with input as conf([["port", "6379"]])
	r := no_auth.deny with input as conf([["port", "6379"], ["protected-mode", "no"]])
	some x in r
	x.path == ["directives", 1]
}

test_loopback_or_auth_passes if {
	count(no_auth.deny) == 0 with input as conf([["bind", "127.0.0.1", "-::1"]])
	count(no_auth.deny) == 0 with input as conf([["bind", "*"], ["requirepass", "Vd8tq2Lw9Zr4Xk1p"]])
	count(no_auth.deny) == 0 with input as conf([["aclfile", "/etc/redis/users.acl"]])
}
