# METADATA
# title: Database trusts everyone
# description: |
#   POSTGRES_HOST_AUTH_METHOD=trust makes the Postgres image accept every connection without a
#   password, for every user including the superuser.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/CMP007.md
#     description: rule documentation
#   - ref: https://hub.docker.com/_/postgres
#     description: Postgres image, POSTGRES_HOST_AUTH_METHOD
# custom:
#   id: CMP007
#   severity: critical
#   kinds: [compose]
#   remediation: >-
#     Remove POSTGRES_HOST_AUTH_METHOD (the image then uses scram-sha-256) and set POSTGRES_PASSWORD from a secret.
#   guide: 'COSMOS security guide: "Change all default passwords before deploying COSMOS."'
package deploylint.rules.compose.trust_auth

import data.deploylint.lib.result

deny contains result.at(["services", name, "environment", "POSTGRES_HOST_AUTH_METHOD"], msg) if {
	some name, svc in input.data.services
	lower(svc.environment.POSTGRES_HOST_AUTH_METHOD) == "trust"
	msg := sprintf("service %s sets POSTGRES_HOST_AUTH_METHOD=trust: Postgres accepts every connection without a password", [name])
}
