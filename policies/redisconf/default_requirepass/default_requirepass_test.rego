package deploylint.rules.redisconf.default_requirepass_test

import data.deploylint.rules.redisconf.default_requirepass

conf(ds) := {"kind": "redis-conf", "data": {"directives": [d |
	some i, x in ds
	d := {"name": x[0], "args": array.slice(x, 1, count(x)), "line": i + 1}
]}}

test_foobared_named if {
	r := default_requirepass.deny with input as conf([["requirepass", "foobared"]])
	some x in r
	contains(x.msg, "foobared")
	x.path == ["directives", 0, "args", 0]
}

test_placeholder_not_echoed if {
	r := default_requirepass.deny with input as conf([["requirepass", "your-strong-password"]])
	some x in r
	not contains(x.msg, "your-strong-password")
}

test_last_one_wins_and_strong_passes if {
	count(default_requirepass.deny) == 0 with input as conf([["requirepass", "foobared"], ["requirepass", "Vd8tq2Lw9Zr4Xk1p"]])
}
