package deploylint.rules.redisconf.dangerous_commands_test

import data.deploylint.rules.redisconf.dangerous_commands

conf(ds) := {"kind": "redis-conf", "data": {"directives": [d |
	some i, x in ds
	d := {"name": x[0], "args": array.slice(x, 1, count(x)), "line": i + 1}
]}}

test_exposed_without_renames if {
	count(dangerous_commands.deny) == 2 with input as conf([["bind", "0.0.0.0"], ["requirepass", "x"]])
	count(dangerous_commands.deny) == 1 with input as conf([["bind", "0.0.0.0"], ["rename-command", "flushall", ""]])
}

test_renamed_loopback_or_acl_passes if {
	count(dangerous_commands.deny) == 0 with input as conf([["rename-command", "FLUSHALL", ""], ["rename-command", "FLUSHDB", ""]])
	count(dangerous_commands.deny) == 0 with input as conf([["bind", "127.0.0.1"]])
	count(dangerous_commands.deny) == 0 with input as conf([["aclfile", "/users.acl"]])
}
