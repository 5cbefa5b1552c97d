package deploylint.rules.nginx.no_hsts_test

import data.deploylint.rules.nginx.no_hsts

d(name, args, parent) := {"name": name, "args": args, "line": 1, "parent": parent, "context": "http"}

listen(at, ssl, loopback) := {"at": at, "address": "", "port": "443", "ssl": ssl, "http2": false, "default_server": false, "loopback": loopback}

srv(over) := object.union({
	"at": 0, "context": "http", "listens": [], "names": [], "locations": [], "redirects_to_https": false,
	"ssl_protocols": null, "ssl_ciphers": null, "ssl_certificate": null, "ssl_certificate_key": null,
	"ssl_client_certificate": null, "ssl_verify_client": null, "server_tokens": null,
	"proxy_ssl_verify": null, "proxy_ssl_protocols": null, "autoindex": null, "hsts": null,
}, over)

conf(directives, servers) := {"kind": "nginx", "data": {"directives": directives, "servers": servers, "has_http_block": true, "include_notes": []}}

test_missing_or_short if {
	short := srv({"listens": [listen(1, true, false)], "hsts": 3, "hsts_max_age": 3600})
	none := srv({"listens": [listen(4, true, false)]})
	r := no_hsts.deny with input as conf([], [short, none])
	{x.path | some x in r} == {["directives", 1], ["directives", 4]}
}

test_long_hsts_passes if {
	count(no_hsts.deny) == 0 with input as conf([], [srv({"listens": [listen(1, true, false)], "hsts": 3, "hsts_max_age": 31536000})])
}
