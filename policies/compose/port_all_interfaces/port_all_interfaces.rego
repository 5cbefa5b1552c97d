# METADATA
# title: Port published on all interfaces
# description: |
#   A ports entry without a loopback host IP publishes the container port on every interface
#   of the host (and Docker's iptables rules bypass most host firewalls). "8080:80",
#   "0.0.0.0:8080:80", "[::]:8080:80" and a bare "80" (random host port) all do. COSMOS
#   publishes Traefik on 127.0.0.1 only until TLS is configured. Ports of internal services are
#   reported by CMP002 instead, and a reverse proxy's (nginx, Traefik, Caddy, HAProxy, …) are
#   the intended front door, whose TLS CMP005 checks. An entry built from variables that no
#   .env in the scan sets is left alone: the deployment's own .env decides it.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/CMP001.md
#     description: rule documentation
#   - ref: https://docs.openc3.com/docs/guides/security
#     description: COSMOS security guide, Docker Network
#   - ref: https://docs.docker.com/reference/compose-file/services/#ports
#     description: Compose ports syntax
# custom:
#   id: CMP001
#   severity: medium
#   kinds: [compose]
#   remediation: >-
#     Bind the port to loopback ("127.0.0.1:8080:80") and put a TLS reverse proxy in front, or publish it on the one interface that must serve it.
#   guide: 'COSMOS security guide: "By default, COSMOS only listens on localhost"'
package deploylint.rules.compose.port_all_interfaces

import data.deploylint.lib.compose
import data.deploylint.lib.result

deny contains result.at(["services", name, "ports", i], msg) if {
	some name, svc in input.data.services
	some i, port in svc.ports
	not compose.loopback(port.host_ip)
	not compose.is_internal(svc, port)
	not compose.is_proxy(svc)
	not port.unset_variable
	msg := sprintf("service %s publishes port %d on all host interfaces: bind it to 127.0.0.1 or to the interface that must serve it", [name, port.target])
}
