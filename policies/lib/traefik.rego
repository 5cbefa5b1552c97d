# METADATA
# title: Traefik helpers
# description: |
#   Where a Traefik static configuration serves TLS. The Traefik rules ask it of the file
#   itself, CMP005 of the configuration a compose service mounts, so both take the
#   configuration as an argument.
package deploylint.lib.traefik

routers(conf) := object.get(conf, ["http", "routers"], {})

# tls_entrypoints is the set of entrypoints that serve TLS: by their own http.tls, or through
# a router with tls.
tls_entrypoints(conf) := {name |
	some name, ep in object.get(conf, "entrypoints", {})
	object.get(ep, ["http", "tls"], null) != null
} | {name |
	some r in routers(conf)
	object.get(r, "tls", null) != null
	some name in object.get(r, "entrypoints", [])
}

# tls_anywhere is true when some entrypoint or router enables TLS.
tls_anywhere(conf) if count(tls_entrypoints(conf)) > 0

tls_anywhere(conf) if {
	some r in routers(conf)
	object.get(r, "tls", null) != null
}
