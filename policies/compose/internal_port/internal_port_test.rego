package deploylint.rules.compose.internal_port_test

import data.deploylint.rules.compose.internal_port

port(ip, target) := {"host_ip": ip, "published": format_int(target, 10), "target": target, "protocol": "tcp", "unset_variable": false}

svc(image, over) := object.union({"image": image, "image_repo": image, "ports": [], "expose": [], "environment": {}, "volumes": [], "network_mode": "", "command": []}, over)

stack(services) := {"kind": "compose", "data": {"services": services, "unset_variables": []}}

test_by_port_and_by_image if {
	inp := stack({
		"db": svc("postgres", {"ports": [port("", 5432)]}),
		"cache": svc("someone/redis", {"ports": [port("0.0.0.0", 16379)]}),
	})
	r := internal_port.deny with input as inp
	count(r) == 2
}

test_loopback_expose_and_proxy_pass if {
	inp := stack({
		"db": svc("postgres", {"ports": [port("127.0.0.1", 5432)]}),
		"cache": svc("redis", {"expose": ["6379"]}),
		"caddy": svc("caddy", {"ports": [port("", 9090)]}),
	})
	count(internal_port.deny) == 0 with input as inp
}
