package deploylint.rules.compose.proxy_no_tls_test

import data.deploylint.rules.compose.proxy_no_tls

port(ip, target) := {"host_ip": ip, "published": format_int(target, 10), "target": target, "protocol": "tcp", "unset_variable": false}

svc(image, over) := object.union({"image": image, "image_repo": image, "ports": [], "expose": [], "environment": {}, "environment_origin": {}, "volumes": [], "network_mode": "", "command": [], "command_raw": ""}, over)

stack(services) := {"kind": "compose", "data": {"services": services, "unset_variables": []}}

test_mounted_http_only_config if {
	s := svc("traefik", {"ports": [port("", 2900)]})
	mounts := {"edge:/etc/traefik/traefik.yaml": {"path": "traefik.yaml", "kind": "traefik", "data": {"entrypoints": {"web": {"address": ":2900"}}}}}
	r := proxy_no_tls.deny with input as object.union(stack({"edge": s}), {"mounts": mounts})
	count(r) == 1
}

test_tls_config_flags_loopback_or_unknown_pass if {
	tls := {"edge:/etc/traefik/traefik.yaml": {"path": "t.yaml", "kind": "traefik", "data": {"entrypoints": {"websecure": {"address": ":443", "http": {"tls": {}}}}}}}
	count(proxy_no_tls.deny) == 0 with input as object.union(stack({"edge": svc("traefik", {"ports": [port("", 443)]})}), {"mounts": tls})
	flags := svc("traefik", {"ports": [port("", 443)], "command": ["--entrypoints.websecure.http.tls=true"]})
	count(proxy_no_tls.deny) == 0 with input as stack({"edge": flags})
	count(proxy_no_tls.deny) == 0 with input as stack({"edge": svc("traefik", {"ports": [port("127.0.0.1", 80)], "command": ["--api"]})})
	count(proxy_no_tls.deny) == 0 with input as stack({"edge": svc("traefik", {"ports": [port("", 80)]})})
}
