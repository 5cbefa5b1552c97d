package deploylint.rules.compose.host_access_test

import data.deploylint.rules.compose.host_access
import data.deploylint.test.compose

test_host_network_datastore_and_socket if {
	socket := {"type": "bind", "source": "/var/run/docker.sock", "target": "/var/run/docker.sock", "read_only": true}
	inp := compose.stack({
		"cache": compose.service("redis", {"network_mode": "host"}),
		"ui": compose.service("portainer/portainer-ce", {"volumes": [socket]}),
	})
	r := host_access.deny with input as inp
	{x.path | some x in r} == {["services", "cache", "network_mode"], ["services", "ui", "volumes", 0]}
}

test_exporter_on_host_network_passes if {
	node := compose.service("prom/node-exporter", {"network_mode": "host"})
	count(host_access.deny) == 0 with input as compose.stack({"node": node})
}
