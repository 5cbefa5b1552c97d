package deploylint.rules.nginx.version_disclosed_test

import data.deploylint.rules.nginx.version_disclosed

d(name, args, parent) := {"name": name, "args": args, "line": 1, "parent": parent, "context": "http"}

listen(at, ssl, loopback) := {"at": at, "address": "", "port": "443", "ssl": ssl, "http2": false, "default_server": false, "loopback": loopback}

srv(over) := object.union({
	"at": 0, "context": "http", "listens": [], "names": [], "locations": [], "redirects_to_https": false,
	"ssl_protocols": null, "ssl_ciphers": null, "ssl_certificate": null, "ssl_certificate_key": null,
	"ssl_client_certificate": null, "ssl_verify_client": null, "server_tokens": null,
	"proxy_ssl_verify": null, "proxy_ssl_protocols": null, "autoindex": null, "hsts": null,
}, over)

conf(directives, servers) := {"kind": "nginx", "data": {"directives": directives, "servers": servers, "has_http_block": true, "include_notes": []}}

test_explicit_and_absent if {
	count(version_disclosed.deny) == 1 with input as conf([d("server_tokens", ["build"], -1)], [])
	count(version_disclosed.deny) == 1 with input as conf([d("http", [], -1)], [])
}

test_off_or_incomplete_passes if {
	count(version_disclosed.deny) == 0 with input as conf([d("http", [], -1), d("server_tokens", ["off"], 0)], [])
	inp := {"kind": "nginx", "data": {"directives": [d("http", [], -1)], "servers": [], "has_http_block": true, "include_notes": [{"line": 2}]}}
	count(version_disclosed.deny) == 0 with input as inp
}
