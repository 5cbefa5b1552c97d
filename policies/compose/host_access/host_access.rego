# METADATA
# title: Host network or Docker socket
# description: |
#   network_mode: host puts a datastore directly on the host's interfaces, past Docker's port
#   publishing and network isolation. Mounting /var/run/docker.sock gives the container full
#   control of the Docker daemon, which is root on the host: anyone who compromises that
#   container can start, stop or read every other container.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/CMP008.md
#     description: rule documentation
#   - ref: https://docs.openc3.com/docs/guides/security
#     description: COSMOS security guide, Security Boundaries
# custom:
#   id: CMP008
#   severity: high
#   kinds: [compose]
#   remediation: >-
#     Use the default bridge network for datastores; do not mount the Docker socket (use a socket proxy that allows only the API calls needed, read-only, if a tool must watch containers).
#   guide: 'COSMOS security guide: "A user with Docker access on the host computer can kill all containers"'
package deploylint.rules.compose.host_access

import data.deploylint.lib.compose
import data.deploylint.lib.result

deny contains result.at(["services", name, "network_mode"], msg) if {
	some name, svc in input.data.services
	svc.network_mode == "host"
	compose.is_datastore(svc)
	msg := sprintf("service %s (%s) uses the host network: it listens on the host's interfaces without isolation", [name, compose.image_product(svc)])
}

deny contains result.at(["services", name, "volumes", i], msg) if {
	some name, svc in input.data.services
	some i, v in svc.volumes
	some p in [v.source, v.target]
	endswith(p, "docker.sock")
	msg := sprintf("service %s mounts the Docker socket: whoever controls the container controls every container and the host", [name])
}
