package deploylint.rules.redisconf.unprotected_test

import data.deploylint.rules.redisconf.unprotected

conf(ds) := {"kind": "redis-conf", "data": {"directives": [d |
	some i, x in ds
	d := {"name": x[0], "args": array.slice(x, 1, count(x)), "line": i + 1}
]}}

test_protection_off_on_all_interfaces if {
	r := unprotected.deny with input as conf([["bind", "0.0.0.0"], ["protected-mode", "no"]])
	some x in r
	x.path == ["directives", 1]
	count(unprotected.deny) == 1 with input as conf([["protected-mode", "no"]])
}

test_protected_or_bound_passes if {
	count(unprotected.deny) == 0 with input as conf([["bind", "0.0.0.0"], ["protected-mode", "yes"]])
	count(unprotected.deny) == 0 with input as conf([["bind", "10.0.0.5"], ["protected-mode", "no"]])
	count(unprotected.deny) == 0 with input as conf([["protected-mode", "no"], ["protected-mode", "yes"]])
}
