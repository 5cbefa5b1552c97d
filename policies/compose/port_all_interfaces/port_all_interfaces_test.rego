package deploylint.rules.compose.port_all_interfaces_test

import data.deploylint.rules.compose.port_all_interfaces

port(ip, target) := {"host_ip": ip, "published": format_int(target, 10), "target": target, "protocol": "tcp", "unset_variable": false}

svc(image, over) := object.union({"image": image, "image_repo": image, "ports": [], "expose": [], "environment": {}, "volumes": [], "network_mode": "", "command": []}, over)

stack(services) := {"kind": "compose", "data": {"services": services, "unset_variables": []}}

test_all_interfaces if {
	r := port_all_interfaces.deny with input as stack({"api": svc("example/api", {"ports": [port("", 8080), port("0.0.0.0", 9000), port("127.0.0.1", 7000)]})})
	{x.path | some x in r} == {["services", "api", "ports", 0], ["services", "api", "ports", 1]}
}

test_internal_proxy_and_unset_are_left_out if {
	unset := object.union(port("", 8065), {"unset_variable": true})
	inp := stack({"redis": svc("redis", {"ports": [port("", 6379)]}), "web": svc("nginx", {"ports": [port("", 443)]}), "app": svc("mattermost", {"ports": [unset]})})
	count(port_all_interfaces.deny) == 0 with input as inp
}
