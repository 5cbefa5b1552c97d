# METADATA
# title: Time-series DB password is the shipped default
# description: |
#   OPENC3_TSDB_PASSWORD still holds openc3questpassword, the password COSMOS 7 ships for its
#   QuestDB time-series database. Anyone who reaches the database can read or delete the
#   decommutated telemetry history.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/ENV005.md
#     description: rule documentation
#   - ref: https://docs.openc3.com/docs/guides/security
#     description: COSMOS security guide, Credentials
# custom:
#   id: ENV005
#   severity: high
#   kinds: [dotenv]
#   remediation: >-
#     Set OPENC3_TSDB_PASSWORD to a unique random value (openssl rand -base64 32) before the database is first created.
#   guide: 'COSMOS security guide: "Change all default passwords before deploying COSMOS."'
package deploylint.rules.dotenv.cosmos_tsdb_password

import data.deploylint.lib.dotenv
import data.deploylint.lib.result

deny contains result.at(["vars", i, "value"], msg) if {
	some [i, _] in dotenv.cosmos_default("tsdb")
	v := input.data.vars[i]
	msg := sprintf("%s is the shipped COSMOS default %q: set a unique random password", [v.name, v.value])
}
