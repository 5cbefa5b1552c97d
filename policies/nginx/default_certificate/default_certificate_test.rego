package deploylint.rules.nginx.default_certificate_test

import data.deploylint.rules.nginx.default_certificate

d(name, args, parent) := {"name": name, "args": args, "line": 1, "parent": parent, "context": "http"}

listen(at, ssl, loopback) := {"at": at, "address": "", "port": "443", "ssl": ssl, "http2": false, "default_server": false, "loopback": loopback}

srv(over) := object.union({
	"at": 0, "context": "http", "listens": [], "names": [], "locations": [], "redirects_to_https": false,
	"ssl_protocols": null, "ssl_ciphers": null, "ssl_certificate": null, "ssl_certificate_key": null,
	"ssl_client_certificate": null, "ssl_verify_client": null, "server_tokens": null,
	"proxy_ssl_verify": null, "proxy_ssl_protocols": null, "autoindex": null, "hsts": null,
}, over)

conf(directives, servers) := {"kind": "nginx", "data": {"directives": directives, "servers": servers, "has_http_block": true, "include_notes": []}}

test_snakeoil_and_missing if {
	r := default_certificate.deny with input as conf([d("ssl_certificate", ["includes/snakeoil.crt"], -1)], [srv({"listens": [listen(1, true, false)]})])
	count(r) == 2
}

test_real_certificate_passes if {
	count(default_certificate.deny) == 0 with input as conf([d("ssl_certificate", ["/etc/letsencrypt/live/example.org/fullchain.pem"], -1)], [srv({"listens": [listen(1, true, false)], "ssl_certificate": 0})])
}
