# METADATA
# title: COSMOS service password is the shipped default
# description: |
#   OPENC3_SERVICE_PASSWORD lets internal services (Script Runner, command queues, and in
#   Enterprise the timeline and reaction services) call the COSMOS APIs without a user. With the
#   shipped value openc3service, anyone who reaches the API can send commands as the service.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/ENV003.md
#     description: rule documentation
#   - ref: https://docs.openc3.com/docs/guides/security
#     description: COSMOS security guide, Service Authentication
# custom:
#   id: ENV003
#   severity: critical
#   kinds: [dotenv]
#   remediation: >-
#     Set OPENC3_SERVICE_PASSWORD to a unique random value (openssl rand -base64 32) and restart COSMOS.
#   guide: 'COSMOS security guide: "Change all default passwords before deploying COSMOS."'
package deploylint.rules.dotenv.cosmos_service_password

import data.deploylint.lib.dotenv
import data.deploylint.lib.result

deny contains result.at(["vars", i, "value"], msg) if {
	some [i, _] in dotenv.cosmos_default("service")
	v := input.data.vars[i]
	msg := sprintf("%s is the shipped COSMOS default %q: anyone who reaches the API can act as the service; set a unique random value", [v.name, v.value])
}
