package deploylint.rules.redisconf.no_auth_test

import data.deploylint.rules.redisconf.no_auth
import data.deploylint.test.redisconf

test_exposed_without_auth if {
	r := no_auth.deny with input as redisconf.conf([["bind", "0.0.0.0"], ["port", "6379"]])
	some x in r
	x.path == ["directives", 0]
}

test_no_bind_relies_on_protected_mode if {
	count(no_auth.deny) == 0 with input as redisconf.conf([["port", "6379"]])
	r := no_auth.deny with input as redisconf.conf([["port", "6379"], ["protected-mode", "no"]])
	some x in r
	x.path == ["directives", 1]
}

test_loopback_or_auth_passes if {
	count(no_auth.deny) == 0 with input as redisconf.conf([["bind", "127.0.0.1", "-::1"]])
	count(no_auth.deny) == 0 with input as redisconf.conf([["bind", "*"], ["requirepass", "Vd8tq2Lw9Zr4Xk1p"]])
	count(no_auth.deny) == 0 with input as redisconf.conf([["aclfile", "/etc/redis/users.acl"]])
}
