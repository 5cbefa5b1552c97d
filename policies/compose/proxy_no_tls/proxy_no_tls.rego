# METADATA
# title: Web entry point on the network without TLS
# description: |
#   A Traefik (or nginx) service publishes a port beyond loopback, but its configuration
#   (the mounted traefik.yaml, or the --entrypoints/--certificatesresolvers flags of its
#   command) enables TLS nowhere: logins and tokens cross the network in clear. COSMOS ships
#   traefik.yaml (HTTP, published on 127.0.0.1 only) and traefik-ssl.yaml for exposure.
#   nginx services are judged once the nginx scanner exists; a proxy whose configuration is not
#   in the scan is not reported.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/CMP005.md
#     description: rule documentation
#   - ref: https://docs.openc3.com/docs/configuration/ssl-tls
#     description: COSMOS SSL/TLS configuration
# custom:
#   id: CMP005
#   severity: high
#   kinds: [compose]
#   remediation: >-
#     Mount a TLS configuration (for COSMOS openc3-traefik/traefik-ssl.yaml) with an HTTPS entrypoint and an HTTP→HTTPS redirect, or publish the port on 127.0.0.1 only.
#   guide: 'COSMOS security guide: "Configure SSL/TLS before exposing COSMOS to any network."'
package deploylint.rules.compose.proxy_no_tls

import data.deploylint.lib.compose
import data.deploylint.lib.result
import data.deploylint.lib.traefik

traefik_tls_flag(svc) if {
	some arg in svc.command
	regex.match(`^--(entrypoints\.[^.]+\.http\.tls|certificatesresolvers\.)`, lower(arg))
}

mounted_traefik(name) := {m | some m in compose.mounts_of(name); m.kind == "traefik"}

configured(name, svc) if count(mounted_traefik(name)) > 0

configured(name, svc) if count(svc.command) > 0

has_tls(name, svc) if traefik_tls_flag(svc)

has_tls(name, _) if {
	some m in mounted_traefik(name)
	traefik.tls_anywhere(m.data)
}

deny contains result.at(["services", name, "ports", i], msg) if {
	some name, svc in input.data.services
	is_traefik(svc)
	configured(name, svc)
	not has_tls(name, svc)
	some i, port in svc.ports
	not compose.loopback(port.host_ip)
	msg := sprintf("service %s publishes port %d beyond loopback but its Traefik configuration enables TLS nowhere: mount a TLS configuration or bind the port to 127.0.0.1", [name, port.target])
}

# is_traefik: the upstream image or COSMOS's own build of it (openc3inc/openc3-traefik, any
# registry, -ubi variants).
is_traefik(svc) if svc.image_repo == "traefik"

is_traefik(svc) if regex.match(`(^|/)openc3-traefik(-ubi)?$`, svc.image_repo)
