# METADATA
# title: compose helpers
# description: |
#   Which published ports reach the network and which services are internal datastores.
#   The data of internal services (ports and images) is in data.deploylint.data.defaults.
package deploylint.lib.compose

internal_services := data.deploylint.data.defaults.internal_services

# loopback is true for a host IP that only the host itself can reach.
loopback(ip) if regex.match(`^(127\.[0-9.]+|::1|\[::1\]|localhost)$`, ip)

# internal_reason names why a published port of a service is internal, if it is.
internal_reason(svc, port) := sprintf("%s port %d", [internal_services.ports[format_int(port.target, 10)], port.target])

internal_reason(svc, port) := sprintf("port %d of its %s image", [port.target, image_product(svc)]) if {
	not internal_services.ports[format_int(port.target, 10)]
}

is_internal(svc, port) if {
	internal_services.ports[format_int(port.target, 10)]
	not is_proxy(svc)
}

is_internal(svc, _) if image_product(svc)

is_datastore(svc) if image_product(svc)

# image_product names the internal product an image runs: by repository, or by its last path
# component for rebuilt images (someone/redis is still Redis).
image_product(svc) := p if {
	p := products[svc.image_repo]
	p != ""
}

# A service that is not one of the document's (a custom rule's own) is judged directly.
image_product(svc) := product_of(svc.image_repo) if not products[svc.image_repo]

# products maps the image repositories of the document's services to the product each runs
# ("" for none): a complete document, computed once per evaluation and once per repository,
# so the rules asking of every service and port look it up.
products := {repo: product_or_none(repo) | some repo in {svc.image_repo | some svc in input.data.services}}

product_or_none(repo) := product_of(repo)

product_or_none(repo) := "" if not product_of(repo)

product_of(repo) := internal_services.images[repo]

product_of(repo) := internal_services.images[base] if {
	not internal_services.images[repo]
	parts := split(repo, "/")
	base := parts[count(parts) - 1]
}

# is_proxy is true for a reverse-proxy image: its published ports are the deployment's front
# door, and whether it serves TLS is CMP005's question.
is_proxy(svc) if svc.image_repo in {p | some p in data.deploylint.data.defaults.reverse_proxies}

# mounts_of is the set of documents mounted into a service, from input.mounts.
mounts_of(name) := {m |
	some key, m in object.get(input, "mounts", {})
	startswith(key, concat("", [name, ":"]))
}

# published_beyond_loopback is true when a service publishes any port on all interfaces.
published_beyond_loopback(svc) if {
	some port in svc.ports
	not loopback(port.host_ip)
}
