# METADATA
# title: COSMOS bucket credentials are the shipped default
# description: |
#   OPENC3_BUCKET_PASSWORD (OPENC3_MINIO_PASSWORD before v5.1) still holds a password COSMOS
#   ships (openc3miniopassword up to v6, openc3bucketpassword from v7). The bucket store holds
#   configuration, logs and tools; with the default anyone who reaches it can read or replace
#   them. The script-runner account (OPENC3_SR_BUCKET_PASSWORD) is ENV012's.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/ENV002.md
#     description: rule documentation
#   - ref: https://docs.openc3.com/docs/guides/security
#     description: COSMOS security guide, Bucket Credentials
# custom:
#   id: ENV002
#   severity: critical
#   kinds: [dotenv]
#   remediation: >-
#     Set a unique random password (openssl rand -base64 32) for each bucket account before the first start; an existing bucket volume keeps the old password until you change it in the bucket service too.
#   guide: 'COSMOS security guide: "Change all default passwords before deploying COSMOS."'
package deploylint.rules.dotenv.cosmos_bucket_password

import data.deploylint.lib.dotenv
import data.deploylint.lib.result

deny contains result.at(["vars", i, "value"], msg) if {
	some [i, entry] in dotenv.cosmos_default("bucket")
	not entry.script_runner
	v := input.data.vars[i]
	msg := sprintf("%s is the shipped COSMOS default %q: set a unique random password", [v.name, v.value])
}
