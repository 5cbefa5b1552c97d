package deploylint.rules.nginx.client_cert_unverified_test

import data.deploylint.rules.nginx.client_cert_unverified

d(name, args, parent) := {"name": name, "args": args, "line": 1, "parent": parent, "context": "http"}

listen(at, ssl, loopback) := {"at": at, "address": "", "port": "443", "ssl": ssl, "http2": false, "default_server": false, "loopback": loopback}

srv(over) := object.union({
	"at": 0, "context": "http", "listens": [], "names": [], "locations": [], "redirects_to_https": false,
	"ssl_protocols": null, "ssl_ciphers": null, "ssl_certificate": null, "ssl_certificate_key": null,
	"ssl_client_certificate": null, "ssl_verify_client": null, "server_tokens": null,
	"proxy_ssl_verify": null, "proxy_ssl_protocols": null, "autoindex": null, "hsts": null,
}, over)

conf(directives, servers) := {"kind": "nginx", "data": {"directives": directives, "servers": servers, "has_http_block": true, "include_notes": []}}

test_ca_without_verification if {
	dirs := [d("ssl_client_certificate", ["/ca.pem"], -1), d("ssl_verify_client", ["optional"], -1)]
	r := client_cert_unverified.deny with input as conf(dirs, [srv({"ssl_client_certificate": 0, "ssl_verify_client": 1})])
	count(r) == 1
}

test_verified_passes if {
	dirs := [d("ssl_client_certificate", ["/ca.pem"], -1), d("ssl_verify_client", ["on"], -1)]
	count(client_cert_unverified.deny) == 0 with input as conf(dirs, [srv({"ssl_client_certificate": 0, "ssl_verify_client": 1})])
}
