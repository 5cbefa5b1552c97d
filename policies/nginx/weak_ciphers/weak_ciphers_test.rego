package deploylint.rules.nginx.weak_ciphers_test

import data.deploylint.rules.nginx.weak_ciphers

d(name, args, parent) := {"name": name, "args": args, "line": 1, "parent": parent, "context": "http"}

listen(at, ssl, loopback) := {"at": at, "address": "", "port": "443", "ssl": ssl, "http2": false, "default_server": false, "loopback": loopback}

srv(over) := object.union({
	"at": 0, "context": "http", "listens": [], "names": [], "locations": [], "redirects_to_https": false,
	"ssl_protocols": null, "ssl_ciphers": null, "ssl_certificate": null, "ssl_certificate_key": null,
	"ssl_client_certificate": null, "ssl_verify_client": null, "server_tokens": null,
	"proxy_ssl_verify": null, "proxy_ssl_protocols": null, "autoindex": null, "hsts": null,
}, over)

conf(directives, servers) := {"kind": "nginx", "data": {"directives": directives, "servers": servers, "has_http_block": true, "include_notes": []}}

test_weak_families if {
	r := weak_ciphers.deny with input as conf([d("ssl_ciphers", ["HIGH:RC4-SHA:ECDHE-RSA-DES-CBC3-SHA"], -1), d("ssl_ciphers", ["aNULL:HIGH"], -1)], [])
	{x.severity | some x in r} == {"medium", "high"}
	some x in r
	contains(x.msg, "3DES")
}

test_excluded_and_modern_pass if {
	count(weak_ciphers.deny) == 0 with input as conf([d("ssl_ciphers", ["HIGH:!aNULL:!MD5:!RC4:!3DES"], -1)], [])
	count(weak_ciphers.deny) == 0 with input as conf([d("ssl_ciphers", ["ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-CHACHA20-POLY1305"], -1)], [])
}
