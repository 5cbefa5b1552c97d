# METADATA
# title: Internal service published to the host
# description: |
#   A datastore or monitoring backend (Redis, MinIO, QuestDB, Postgres, MySQL, MongoDB, COSMOS's
#   own builds of Redis, its bucket store and QuestDB,
#   Keycloak's admin port, ZooKeeper, Loki, Prometheus, Elasticsearch, memcached) is published
#   on the host. These services are meant to be reached only by the other containers on the
#   compose network; published on all interfaces anyone on the network can try their (often
#   default) credentials. expose: publishes nothing and is not reported, nor is a port bound to
#   loopback (the COSMOS way: only the host itself reaches it; RULES.md's "low when bound to
#   loopback" is left out after auditors judged such files clean).
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/CMP002.md
#     description: rule documentation
#   - ref: https://docs.openc3.com/docs/guides/security
#     description: COSMOS security guide, Docker Network
# custom:
#   id: CMP002
#   severity: high
#   kinds: [compose]
#   remediation: >-
#     Remove the ports entry (containers on the same compose network reach the service by name), or bind it to 127.0.0.1 for local administration.
#   guide: 'COSMOS security guide: "Only the Traefik load balancer is exposed directly to any outside network"; FetchML security guide: "Backend services (Redis, Loki) not exposed publicly"'
package deploylint.rules.compose.internal_port

import data.deploylint.lib.compose
import data.deploylint.lib.result

deny contains result.at(["services", name, "ports", i], msg) if {
	some name, svc in input.data.services
	some i, port in svc.ports
	not compose.loopback(port.host_ip)
	compose.is_internal(svc, port)
	reason := compose.internal_reason(svc, port)
	msg := sprintf("service %s publishes %s on all host interfaces: internal services should stay on the compose network", [name, reason])
}
