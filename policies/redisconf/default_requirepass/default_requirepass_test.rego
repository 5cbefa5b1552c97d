package deploylint.rules.redisconf.default_requirepass_test

import data.deploylint.rules.redisconf.default_requirepass
import data.deploylint.test.redisconf

test_foobared_named if {
	r := default_requirepass.deny with input as redisconf.conf([["requirepass", "foobared"]])
	some x in r
	contains(x.msg, "foobared")
	x.path == ["directives", 0, "args", 0]
}

test_placeholder_not_echoed if {
	r := default_requirepass.deny with input as redisconf.conf([["requirepass", "your-strong-password"]])
	some x in r
	not contains(x.msg, "your-strong-password")
}

test_last_one_wins_and_strong_passes if {
	count(default_requirepass.deny) == 0 with input as redisconf.conf([["requirepass", "foobared"], ["requirepass", "Vd8tq2Lw9Zr4Xk1p"]])
}
