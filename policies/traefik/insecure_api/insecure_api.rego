# METADATA
# title: Dashboard/API insecure
# description: |
#   api.insecure: true publishes Traefik's API and dashboard on the "traefik" entrypoint
#   (port 8080) without any authentication: anyone who reaches it sees every router, service
#   and backend address.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/TRF002.md
#     description: rule documentation
#   - ref: https://doc.traefik.io/traefik/operations/api/
#     description: Traefik API and dashboard security
# custom:
#   id: TRF002
#   severity: high
#   kinds: [traefik]
#   remediation: >-
#     Remove api.insecure (keep api.dashboard if needed) and expose the dashboard through a router on a TLS entrypoint with an authentication middleware.
#   guide: 'COSMOS security guide: "Only the Traefik load balancer is exposed directly to any outside network"'
package deploylint.rules.traefik.insecure_api

import data.deploylint.lib.result

deny contains result.at(["api", "insecure"], "api.insecure is true: the Traefik dashboard and API are served without authentication; remove it and route the dashboard through an authenticated TLS router") if {
	input.data.api.insecure == true
}
