package deploylint.rules.compose.host_access_test

import data.deploylint.rules.compose.host_access

port(ip, target) := {"host_ip": ip, "published": format_int(target, 10), "target": target, "protocol": "tcp", "unset_variable": false}

svc(image, over) := object.union({"image": image, "image_repo": image, "ports": [], "expose": [], "environment": {}, "volumes": [], "network_mode": "", "command": []}, over)

stack(services) := {"kind": "compose", "data": {"services": services, "unset_variables": []}}

test_host_network_datastore_and_socket if {
	inp := stack({
		"cache": svc("redis", {"network_mode": "host"}),
		"ui": svc("portainer/portainer-ce", {"volumes": [{"type": "bind", "source": "/var/run/docker.sock", "target": "/var/run/docker.sock", "read_only": true}]}),
	})
	r := host_access.deny with input as inp
	{x.path | some x in r} == {["services", "cache", "network_mode"], ["services", "ui", "volumes", 0]}
}

test_exporter_on_host_network_passes if {
	count(host_access.deny) == 0 with input as stack({"node": svc("prom/node-exporter", {"network_mode": "host"})})
}
