package deploylint.rules.compose.proxy_no_tls_test

import data.deploylint.rules.compose.proxy_no_tls
import data.deploylint.test.compose

traefik_config(conf) := {"edge:/etc/traefik/traefik.yaml": {"path": "traefik.yaml", "kind": "traefik", "data": conf}}

test_mounted_http_only_config if {
	edge := compose.service("traefik", {"ports": [compose.port("", 2900)]})
	http_only := traefik_config({"entrypoints": {"web": {"address": ":2900"}}})
	r := proxy_no_tls.deny with input as compose.mounted({"edge": edge}, http_only)
	count(r) == 1
}

test_tls_config_flags_loopback_or_unknown_pass if {
	tls := traefik_config({"entrypoints": {"websecure": {"address": ":443", "http": {"tls": {}}}}})
	edge := compose.service("traefik", {"ports": [compose.port("", 443)]})
	count(proxy_no_tls.deny) == 0 with input as compose.mounted({"edge": edge}, tls)
	flags := compose.service("traefik", {"ports": [compose.port("", 443)], "command": ["--entrypoints.websecure.http.tls=true"]})
	count(proxy_no_tls.deny) == 0 with input as compose.stack({"edge": flags})
	local := compose.service("traefik", {"ports": [compose.port("127.0.0.1", 80)], "command": ["--api"]})
	count(proxy_no_tls.deny) == 0 with input as compose.stack({"edge": local})
	unknown := compose.service("traefik", {"ports": [compose.port("", 80)]})
	count(proxy_no_tls.deny) == 0 with input as compose.stack({"edge": unknown})
}
