# METADATA
# title: COSMOS script-runner Redis password is the shipped default
# description: |
#   OPENC3_SR_REDIS_PASSWORD, the Redis account COSMOS hands to every user script, still holds
#   the password COSMOS ships in its public .env. Anyone who reaches Redis can log in as the
#   script runner and read or change what user scripts may: its key space is narrower than the
#   main account's. Split from ENV001 (critical), which reports the main account.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/ENV011.md
#     description: rule documentation
#   - ref: https://docs.openc3.com/docs/guides/security
#     description: COSMOS security guide, Credentials
# custom:
#   id: ENV011
#   severity: high
#   kinds: [dotenv]
#   split_from: ENV001
#   remediation: >-
#     Set a unique random password (openssl rand -base64 32) here and put its SHA-256 in openc3-redis/users.acl for the scriptrunner user (#<sha256>), then restart COSMOS.
#   guide: 'COSMOS security guide: "Change all default passwords before deploying COSMOS."'
package deploylint.rules.dotenv.cosmos_sr_redis_password

import data.deploylint.lib.dotenv
import data.deploylint.lib.result

deny contains result.at(["vars", i, "value"], msg) if {
	some [i, entry] in dotenv.cosmos_default("redis")
	entry.script_runner
	v := input.data.vars[i]
	msg := sprintf("%s is the shipped COSMOS default %q: set a unique random password here and its SHA-256 in users.acl", [v.name, v.value])
}
