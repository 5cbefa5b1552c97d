# METADATA
# title: redis.conf helpers
# description: |
#   The effective value of single-valued directives (the last occurrence wins, as in Redis)
#   and whether the server listens beyond the loopback interface.
package deploylint.lib.redisconf

directives := input.data.directives

# last[name] is the index of the last occurrence of a directive.
last[name] := max({i | some i, d in directives; d.name == name}) if {
	some d in directives
	name := d.name
}

# bind_index is the index of the effective bind directive, if any.
bind_index := last.bind

loopback(addr) if regex.match(`^-?(127\.[0-9.]+|::1|localhost)$`, addr)

# exposed is true when Redis accepts clients beyond loopback: a bind with a non-loopback
# address, or no bind with protected mode off. Without bind and with protected mode on, Redis
# refuses remote clients while the default user has no password, and a file without bind is
# often a snippet included by the real configuration.
exposed if {
	not last.bind
	protected_mode_off
}

exposed if {
	some a in directives[last.bind].args
	not loopback(a)
}

# has_auth is true when clients must authenticate: requirepass, an ACL file, or users defined
# in redis.conf itself.
has_auth if directives[last.requirepass].args[0] != ""

has_auth if last.aclfile

has_auth if last.user

has_acl if last.aclfile

has_acl if last.user

protected_mode_off if lower(directives[last["protected-mode"]].args[0]) == "no"
