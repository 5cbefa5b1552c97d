package deploylint.rules.nginx.default_protocols_test

import data.deploylint.rules.nginx.default_protocols

d(name, args, parent) := {"name": name, "args": args, "line": 1, "parent": parent, "context": "http"}

listen(at, ssl, loopback) := {"at": at, "address": "", "port": "443", "ssl": ssl, "http2": false, "default_server": false, "loopback": loopback}

srv(over) := object.union({
	"at": 0, "context": "http", "listens": [], "names": [], "locations": [], "redirects_to_https": false,
	"ssl_protocols": null, "ssl_ciphers": null, "ssl_certificate": null, "ssl_certificate_key": null,
	"ssl_client_certificate": null, "ssl_verify_client": null, "server_tokens": null,
	"proxy_ssl_verify": null, "proxy_ssl_protocols": null, "autoindex": null, "hsts": null,
}, over)

conf(directives, servers) := {"kind": "nginx", "data": {"directives": directives, "servers": servers, "has_http_block": true, "include_notes": []}}

test_tls_server_without_protocols if {
	r := default_protocols.deny with input as conf([d("server", [], -1), d("listen", ["443", "ssl"], 0)], [srv({"listens": [listen(1, true, false)]})])
	some x in r
	x.path == ["directives", 1]
}

test_inherited_or_plain_passes if {
	count(default_protocols.deny) == 0 with input as conf([], [srv({"listens": [listen(1, true, false)], "ssl_protocols": 5})])
	count(default_protocols.deny) == 0 with input as conf([], [srv({"listens": [listen(1, false, false)]})])
}
