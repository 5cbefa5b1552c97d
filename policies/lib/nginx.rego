# METADATA
# title: nginx helpers
# description: Effective settings of servers and the directives that set them.
package deploylint.lib.nginx

import data.deploylint.lib.ciphers

directives := input.data.directives

# args(k) are the arguments of directive k.
args(k) := directives[k].args

# tls_server is true for a server with a listen ... ssl (or ssl on).
tls_server(s) if {
	some l in s.listens
	l.ssl
}

# public_listen is true for a listen beyond loopback (or the implicit *:80 of a server without one).
public_listen(s) if {
	some l in s.listens
	not l.loopback
}

public_listen(s) if {
	count(s.listens) == 0
	complete
}

# old_protocols are the ssl_protocols and proxy_ssl_protocols directives that enable SSLv2,
# SSLv3, TLSv1 or TLSv1.1: NGX001 when SSL is among them, else NGX012.
old_protocols contains k if {
	some name in ["ssl_protocols", "proxy_ssl_protocols"]
	some k in input.data.by_name[name]
	count(old_protocol_args(k)) > 0
}

old_protocol_args(k) := [p | some p in args(k); p in {"SSLv2", "SSLv3", "TLSv1", "TLSv1.1"}]

old_protocols_msg(k) := sprintf("%s enables %s: allow only TLSv1.2 and TLSv1.3", [directives[k].name, concat(", ", old_protocol_args(k))])

# weak_ciphers are the ssl_ciphers and proxy_ssl_ciphers directives that enable a weak cipher
# family: NGX013 when one of them is broken_cipher_families, else NGX003.
weak_ciphers contains k if {
	some name in ["ssl_ciphers", "proxy_ssl_ciphers"]
	some k in input.data.by_name[name]
	count(weak_cipher_families(k)) > 0
}

weak_families := {"RC4", "DES", "3DES", "DES-CBC3", "MD5", "LOW", "ADH", "AECDH", "SSLV2", "NULL", "ENULL", "ANULL", "EXPORT", "EXP"}

# broken_cipher_families encrypt nothing, authenticate nobody or use 40-bit keys.
broken_cipher_families := {"NULL", "ENULL", "ANULL", "EXPORT", "EXP"}

weak_cipher_families(k) := ciphers.named(spec, weak_families) | {"ALL" |
	some tok in regex.split(`[:, ]+`, spec)
	upper(tok) in {"ALL", "DEFAULT"}
	not contains(spec, "!")
} if spec := concat(":", args(k))

weak_ciphers_msg(k) := sprintf("%s enables weak ciphers (%s): use a current AEAD-only list", [directives[k].name, concat(", ", sort(weak_cipher_families(k)))])

# tls_names are the server names some TLS server serves.
tls_names contains n if {
	some s in input.data.servers
	tls_server(s)
	some n in s.names
}

plain_serves(s) if {
	not s.redirects_to_https
	not s.refuses
	count(s.locations) == 0
}

plain_serves(s) if {
	not s.redirects_to_https
	not s.refuses
	some loc in s.locations
	not loc.acme
	not loc.redirects_to_https
	not loc.refuses
}

tls_covered(s) if {
	some n in s.names
	n in tls_names
}

# The first plain public listen: a server with "listen 80" and "listen [::]:80" is one finding.
plain_anchor(s) := ["directives", min(ats)] if {
	ats := {l.at | some l in s.listens; not l.loopback; not l.ssl}
	count(ats) > 0
}

plain_anchor(s) := ["directives", s.at] if count(s.listens) == 0

# plain_servers answer plain HTTP on a public address and serve content rather than redirect
# to HTTPS: NGX004 when a TLS server serves the name too, else NGX014.
plain_servers contains s if {
	some s in input.data.servers
	s.context == "http"
	not tls_server(s)
	public_listen(s)
	plain_serves(s)
}

# value(s, name) is the first argument of the directive in force for a server.
value(s, name) := lower(args(s[name])[0]) if s[name] != null

# complete is true when every include was read: rules about something absent stay quiet
# when part of the configuration is out of sight.
complete if count(input.data.include_notes) == 0
