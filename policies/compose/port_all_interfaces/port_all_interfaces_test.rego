package deploylint.rules.compose.port_all_interfaces_test

import data.deploylint.rules.compose.port_all_interfaces
import data.deploylint.test.compose

test_all_interfaces if {
	api := compose.service("example/api", {"ports": [
		compose.port("", 8080),
		compose.port("0.0.0.0", 9000),
		compose.port("127.0.0.1", 7000),
	]})
	r := port_all_interfaces.deny with input as compose.stack({"api": api})
	{x.path | some x in r} == {["services", "api", "ports", 0], ["services", "api", "ports", 1]}
}

test_internal_proxy_and_unset_are_left_out if {
	unset := object.union(compose.port("", 8065), {"unset_variable": true})
	inp := compose.stack({
		"redis": compose.service("redis", {"ports": [compose.port("", 6379)]}),
		"web": compose.service("nginx", {"ports": [compose.port("", 443)]}),
		"app": compose.service("mattermost", {"ports": [unset]}),
	})
	count(port_all_interfaces.deny) == 0 with input as inp
}
