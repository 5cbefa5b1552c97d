package deploylint.rules.redisconf.dangerous_commands_test

import data.deploylint.rules.redisconf.dangerous_commands
import data.deploylint.test.redisconf

test_exposed_without_renames if {
	count(dangerous_commands.deny) == 2 with input as redisconf.conf([["bind", "0.0.0.0"], ["requirepass", "x"]])
	count(dangerous_commands.deny) == 1 with input as redisconf.conf([["bind", "0.0.0.0"], ["rename-command", "flushall", ""]])
}

test_renamed_loopback_or_acl_passes if {
	count(dangerous_commands.deny) == 0 with input as redisconf.conf([["rename-command", "FLUSHALL", ""], ["rename-command", "FLUSHDB", ""]])
	count(dangerous_commands.deny) == 0 with input as redisconf.conf([["bind", "127.0.0.1"]])
	count(dangerous_commands.deny) == 0 with input as redisconf.conf([["aclfile", "/users.acl"]])
}
