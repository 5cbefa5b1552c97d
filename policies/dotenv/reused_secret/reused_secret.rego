# METADATA
# title: Same secret value reused across variables
# description: |
#   Two secret-named variables hold the same non-empty value. The COSMOS guide gives spawned
#   user scripts their own, narrower Redis and bucket credentials; reusing one password for
#   both (or for two services) means a script or a leak of one service exposes the other.
#   Each later variable is reported, naming the first one. Empty, placeholder and default
#   values are left to the rules that report them.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/ENV010.md
#     description: rule documentation
#   - ref: https://docs.openc3.com/docs/guides/security
#     description: COSMOS security guide, Redis and Bucket Credentials
# custom:
#   id: ENV010
#   severity: low
#   kinds: [dotenv]
#   remediation: >-
#     Give each account its own random value (openssl rand -base64 32).
#   guide: 'COSMOS security guide: "these are passed to spawned user scripts rather than being used by the script-runner-api itself, following the principle of least privilege"'
package deploylint.rules.dotenv.reused_secret

import data.deploylint.lib.dotenv
import data.deploylint.lib.result
import data.deploylint.lib.secrets

deny contains result.at(["vars", j, "value"], msg) if {
	some j in dotenv.secret_index
	later := input.data.vars[j]
	first := later.reuses # computed by the parser in one pass: comparing every pair is quadratic
	later.value != ""
	not secrets.is_known_default(later.value)
	not j in dotenv.specific_index
	msg := sprintf("%s has the same value as %s: give each account its own secret", [later.name, first])
}
