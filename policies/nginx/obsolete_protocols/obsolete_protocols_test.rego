package deploylint.rules.nginx.obsolete_protocols_test

import data.deploylint.rules.nginx.obsolete_protocols

d(name, args, parent) := {"name": name, "args": args, "line": 1, "parent": parent, "context": "http"}

listen(at, ssl, loopback) := {"at": at, "address": "", "port": "443", "ssl": ssl, "http2": false, "default_server": false, "loopback": loopback}

srv(over) := object.union({
	"at": 0, "context": "http", "listens": [], "names": [], "locations": [], "redirects_to_https": false,
	"ssl_protocols": null, "ssl_ciphers": null, "ssl_certificate": null, "ssl_certificate_key": null,
	"ssl_client_certificate": null, "ssl_verify_client": null, "server_tokens": null,
	"proxy_ssl_verify": null, "proxy_ssl_protocols": null, "autoindex": null, "hsts": null,
}, over)

conf(directives, servers) := {"kind": "nginx", "data": {"directives": directives, "servers": servers, "has_http_block": true, "include_notes": []}}

test_sslv3_high_tls1_medium if {
	r := obsolete_protocols.deny with input as conf([d("ssl_protocols", ["SSLv3", "TLSv1.2"], -1), d("proxy_ssl_protocols", ["TLSv1", "TLSv1.2"], -1)], [])
	{[x.path, x.severity] | some x in r} == {[["directives", 0], "high"], [["directives", 1], "medium"]}
}

test_modern_passes if {
	count(obsolete_protocols.deny) == 0 with input as conf([d("ssl_protocols", ["TLSv1.2", "TLSv1.3"], -1)], [])
}
