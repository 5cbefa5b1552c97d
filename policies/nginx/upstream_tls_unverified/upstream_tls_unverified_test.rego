package deploylint.rules.nginx.upstream_tls_unverified_test

import data.deploylint.rules.nginx.upstream_tls_unverified

d(name, args, parent) := {"name": name, "args": args, "line": 1, "parent": parent, "context": "http"}

listen(at, ssl, loopback) := {"at": at, "address": "", "port": "443", "ssl": ssl, "http2": false, "default_server": false, "loopback": loopback}

srv(over) := object.union({
	"at": 0, "context": "http", "listens": [], "names": [], "locations": [], "redirects_to_https": false,
	"ssl_protocols": null, "ssl_ciphers": null, "ssl_certificate": null, "ssl_certificate_key": null,
	"ssl_client_certificate": null, "ssl_verify_client": null, "server_tokens": null,
	"proxy_ssl_verify": null, "proxy_ssl_protocols": null, "autoindex": null, "hsts": null,
}, over)

conf(directives, servers) := {"kind": "nginx", "data": {"directives": directives, "servers": servers, "has_http_block": true, "include_notes": []}}

test_https_upstream_unverified if {
	count(upstream_tls_unverified.deny) == 1 with input as conf([d("location", ["/"], -1), d("proxy_pass", ["https://backend"], 0)], [])
}

test_verified_or_http_passes if {
	count(upstream_tls_unverified.deny) == 0 with input as conf([d("server", [], -1), d("proxy_ssl_verify", ["on"], 0), d("location", ["/"], 0), d("proxy_pass", ["https://b"], 2)], [])
	count(upstream_tls_unverified.deny) == 0 with input as conf([d("proxy_pass", ["http://b"], -1)], [])
}
