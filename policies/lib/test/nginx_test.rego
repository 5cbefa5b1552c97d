# METADATA
# title: nginx test inputs
# description: |
#   Builders for the input of nginx rule tests, in the shape scanners/nginx documents: a flat
#   list of directives (parent is the index of the enclosing block, -1 at the top) and the
#   effective settings of each server, as indexes into that list.
package deploylint.test.nginx

# directive is one directive of the http context on line 1.
directive(name, args, parent) := {"name": name, "args": args, "line": 1, "parent": parent, "context": "http"}

# listen is the listen directive at index at, on port 443.
listen(at, ssl, loopback) := {
	"at": at, "address": "", "port": "443", "ssl": ssl, "http2": false,
	"default_server": false, "loopback": loopback,
}

# server is a server block that sets nothing, then the fields in over.
server(over) := object.union(
	{
		"at": 0, "context": "http", "listens": [], "names": [], "locations": [], "redirects_to_https": false, "refuses": false,
		"ssl_protocols": null, "ssl_ciphers": null, "ssl_certificate": null, "ssl_certificate_key": null,
		"ssl_client_certificate": null, "ssl_verify_client": null, "server_tokens": null,
		"proxy_ssl_verify": null, "proxy_ssl_protocols": null, "autoindex": null, "hsts": null,
	},
	over,
)

# conf is a complete configuration (an http block, every include read).
conf(directives, servers) := conf_with(directives, servers, {})

# conf_with is conf with the other fields of its data in over (has_http_block, include_notes).
conf_with(directives, servers, over) := {"kind": "nginx", "data": object.union(
	{
		"directives": directives, "by_name": by_name(directives), "servers": servers,
		"has_http_block": true, "include_notes": [],
	},
	over,
)}

# by_name is the index the parser keeps beside the directives: each name's indexes, in order.
by_name(directives) := {d.name: [k | some k, x in directives; x.name == d.name] | some d in directives}
