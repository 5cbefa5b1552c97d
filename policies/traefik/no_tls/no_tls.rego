# METADATA
# title: No HTTPS, or HTTP not redirected
# description: |
#   The Traefik configuration serves plain HTTP: no entrypoint has http.tls and no router
#   enables tls, so every request (COSMOS logins and API tokens included) crosses the network
#   in clear. When TLS is configured, a plain entrypoint must redirect to HTTPS
#   (http.redirections.entryPoint with scheme https), otherwise clients keep using HTTP.
#   COSMOS ships traefik.yaml (HTTP only) as the default and traefik-ssl.yaml for TLS.
#   Entrypoints that only serve metrics, and Traefik's internal "traefik" entrypoint, are exempt.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/TRF001.md
#     description: rule documentation
#   - ref: https://docs.openc3.com/docs/configuration/ssl-tls
#     description: COSMOS SSL/TLS configuration
#   - ref: https://doc.traefik.io/traefik/routing/entrypoints/
#     description: Traefik entrypoints, redirections and TLS
# custom:
#   id: TRF001
#   severity: medium
#   kinds: [traefik]
#   remediation: >-
#     Use a TLS configuration (for COSMOS, mount openc3-traefik/traefik-ssl.yaml or traefik-letsencrypt.yaml): an entrypoint with http.tls and, on the plain one, http.redirections.entryPoint.to: websecure with scheme: https.
#   guide: 'COSMOS security guide: "If HTTPS is enabled, all HTTP traffic is redirected to HTTPS." and "Configure SSL/TLS before exposing COSMOS to any network."'
package deploylint.rules.traefik.no_tls

import data.deploylint.lib.result
import data.deploylint.lib.traefik

eps := object.get(input.data, "entrypoints", {})

tls_entrypoints := traefik.tls_entrypoints(input.data)

tls_anywhere if traefik.tls_anywhere(input.data)

exempt contains name if {
	some m in object.get(input.data, "metrics", {})
	name := m.entrypoint
}

exempt contains "traefik"

redirected(ep) if lower(object.get(ep, ["http", "redirections", "entrypoint", "scheme"], "")) == "https"

plain contains name if {
	some name, _ in eps
	not name in tls_entrypoints
	not name in exempt
}

anchor(name) := ["entrypoints", name, "address"] if eps[name].address

anchor(name) := ["entrypoints", name] if not eps[name].address

deny contains result.at(anchor(name), sprintf("entrypoint %s serves plain HTTP and this configuration enables TLS nowhere: add a TLS entrypoint and redirect HTTP to it", [name])) if {
	not tls_anywhere
	some name in plain
}

deny contains result.at(anchor(name), sprintf("entrypoint %s serves plain HTTP without redirecting to HTTPS: add http.redirections.entryPoint with scheme https", [name])) if {
	tls_anywhere
	some name in plain
	not redirected(eps[name])
}
