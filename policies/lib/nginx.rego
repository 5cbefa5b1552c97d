# METADATA
# title: nginx helpers
# description: Effective settings of servers and the directives that set them.
package deploylint.lib.nginx

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

# value(s, name) is the first argument of the directive in force for a server.
value(s, name) := lower(args(s[name])[0]) if s[name] != null

# complete is true when every include was read: rules about something absent stay quiet
# when part of the configuration is out of sight.
complete if count(input.data.include_notes) == 0
