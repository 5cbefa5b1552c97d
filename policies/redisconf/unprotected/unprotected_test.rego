package deploylint.rules.redisconf.unprotected_test

import data.deploylint.rules.redisconf.unprotected
import data.deploylint.test.redisconf

test_protection_off_on_all_interfaces if {
	count(unprotected.deny) == 1 with input as redisconf.conf([["protected-mode", "no"]])
	r := unprotected.deny with input as redisconf.conf([["bind", "0.0.0.0"], ["protected-mode", "no"]])
	some x in r
	x.path == ["directives", 1]
}

test_protected_or_bound_passes if {
	count(unprotected.deny) == 0 with input as redisconf.conf([["bind", "0.0.0.0"], ["protected-mode", "yes"]])
	count(unprotected.deny) == 0 with input as redisconf.conf([["bind", "10.0.0.5"], ["protected-mode", "no"]])
	count(unprotected.deny) == 0 with input as redisconf.conf([["protected-mode", "no"], ["protected-mode", "yes"]])
}
