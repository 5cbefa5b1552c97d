package deploylint.rules.nginx.autoindex_on_test

import data.deploylint.rules.nginx.autoindex_on

d(name, args, parent) := {"name": name, "args": args, "line": 1, "parent": parent, "context": "http"}

listen(at, ssl, loopback) := {"at": at, "address": "", "port": "443", "ssl": ssl, "http2": false, "default_server": false, "loopback": loopback}

srv(over) := object.union({
	"at": 0, "context": "http", "listens": [], "names": [], "locations": [], "redirects_to_https": false,
	"ssl_protocols": null, "ssl_ciphers": null, "ssl_certificate": null, "ssl_certificate_key": null,
	"ssl_client_certificate": null, "ssl_verify_client": null, "server_tokens": null,
	"proxy_ssl_verify": null, "proxy_ssl_protocols": null, "autoindex": null, "hsts": null,
}, over)

conf(directives, servers) := {"kind": "nginx", "data": {"directives": directives, "servers": servers, "has_http_block": true, "include_notes": []}}

test_on if {
	count(autoindex_on.deny) == 1 with input as conf([d("autoindex", ["on"], -1), d("autoindex", ["off"], -1)], [])
}
