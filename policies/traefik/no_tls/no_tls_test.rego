package deploylint.rules.traefik.no_tls_test

import data.deploylint.rules.traefik.no_tls
import data.deploylint.test.traefik

test_http_only if {
	r := no_tls.deny with input as traefik.config({"entrypoints": {"web": {"address": ":2900"}}})
	some x in r
	x.path == ["entrypoints", "web", "address"]
	contains(x.msg, "enables TLS nowhere")
}

test_tls_without_redirect if {
	inp := traefik.config({
		"entrypoints": {
			"web": {"address": ":80"},
			"websecure": {"address": ":443", "http": {"tls": {}}},
			"metrics": {"address": ":8082"},
		},
		"metrics": {"prometheus": {"entrypoint": "metrics"}},
	})
	r := no_tls.deny with input as inp
	count(r) == 1
	some x in r
	contains(x.msg, "without redirecting")
}

test_redirected_or_router_tls_passes if {
	redirected := traefik.config({"entrypoints": {
		"web": {"address": ":2900", "http": {"redirections": {"entrypoint": {"to": ":2943", "scheme": "https"}}}},
		"websecure": {"address": ":2943", "http": {"tls": {"domains": [{"main": "cosmos.lab.internal"}]}}},
	}})
	count(no_tls.deny) == 0 with input as redirected
	routed := traefik.config({
		"entrypoints": {"websecure": {"address": ":443"}},
		"http": {"routers": {"app": {"rule": "Host(`a`)", "entrypoints": ["websecure"], "tls": {}}}},
	})
	count(no_tls.deny) == 0 with input as routed
}
