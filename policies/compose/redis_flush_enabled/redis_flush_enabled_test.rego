package deploylint.rules.compose.redis_flush_enabled_test

import data.deploylint.rules.compose.redis_flush_enabled

flag(name, value) := {"program": "redis-server", "name": name, "value": value, "origin": "literal", "vars": [], "secret": false, "weak": false}

port := {"host_ip": "127.0.0.1", "published": "6379", "target": 6379, "protocol": "tcp", "unset_variable": false}

compose(services) := {"kind": "compose", "data": {"services": services}}

test_command_without_renames if {
	r := redis_flush_enabled.deny with input as compose({
		"cache": {"command": ["redis-server", "--requirepass", "x"], "command_flags": [flag("--requirepass", "x")], "ports": [port]},
		"half": {
			"command": ["redis-server", "--rename-command", "FLUSHDB", ""],
			"command_flags": [flag("--rename-command", "FLUSHDB")], "ports": [port],
		},
	})
	{x.path | some x in r} == {["services", "cache", "command"], ["services", "half", "command"]}
	some x in r
	x.path == ["services", "half", "command"]
	contains(x.msg, "disabling FLUSHALL: add --rename-command FLUSHALL \"\" to its command")
	some y in r
	y.path == ["services", "cache", "command"]
	contains(y.msg, `add --rename-command FLUSHDB "" --rename-command FLUSHALL "" to`)
}

test_renamed_or_configured_passes if {
	count(redis_flush_enabled.deny) == 0 with input as compose({
		"both": {
			"command": ["redis-server", "--rename-command", "FLUSHDB", "", "--rename-command", "flushall", ""],
			"command_flags": [flag("--rename-command", "FLUSHDB"), flag("--rename-command", "flushall")], "ports": [port],
		},
		"conf": {"command": ["redis-server", "/usr/local/etc/redis/redis.conf"], "command_flags": [], "ports": [port]},
		"app": {"command": ["node", "server.js"], "command_flags": [], "ports": [port]},
		"internal": {"command": ["redis-server", "--requirepass", "x"], "command_flags": [flag("--requirepass", "x")], "ports": []},
	})
}
