# METADATA
# title: COSMOS script-runner bucket password is the shipped default
# description: |
#   OPENC3_SR_BUCKET_PASSWORD (OPENC3_SR_MINIO_PASSWORD before v5.1), the bucket account COSMOS
#   hands to user scripts, still holds a password COSMOS ships (scriptrunnerminiopassword up to
#   v6, scriptrunnerbucketpassword from v7): anyone who reaches the bucket store can read or
#   replace what user scripts may. Split from ENV002 (critical), which reports the main account.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/ENV012.md
#     description: rule documentation
#   - ref: https://docs.openc3.com/docs/guides/security
#     description: COSMOS security guide, Bucket Credentials
# custom:
#   id: ENV012
#   severity: high
#   kinds: [dotenv]
#   split_from: ENV002
#   remediation: >-
#     Set a unique random password (openssl rand -base64 32) for the script-runner bucket account before the first start; an existing bucket volume keeps the old password until you change it in the bucket service too.
#   guide: 'COSMOS security guide: "Change all default passwords before deploying COSMOS."'
package deploylint.rules.dotenv.cosmos_sr_bucket_password

import data.deploylint.lib.dotenv
import data.deploylint.lib.result

deny contains result.at(["vars", i, "value"], msg) if {
	some [i, entry] in dotenv.cosmos_default("bucket")
	entry.script_runner
	v := input.data.vars[i]
	msg := sprintf("%s is the shipped COSMOS default %q: set a unique random password", [v.name, v.value])
}
