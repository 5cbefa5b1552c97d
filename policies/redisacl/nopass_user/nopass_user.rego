# METADATA
# title: Passwordless user can do more than health checks
# description: |
#   A user that is on with nopass accepts any password. That is fine for a health-check user
#   limited to PING and CLUSTER INFO (as COSMOS's healthcheck user is), not for one that can
#   run other commands or reach keys or channels. With +@all or +@admin it is ACL011's
#   (critical). The default user is reported by ACL003.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/ACL004.md
#     description: rule documentation
#   - ref: https://docs.openc3.com/docs/guides/security
#     description: COSMOS security guide, User Permissions (healthcheck)
# custom:
#   id: ACL004
#   severity: high
#   kinds: [redis-acl]
#   remediation: >-
#     Give the user a hashed password (#<hash>), or reduce it to -@all +ping +cluster|info with no key or channel patterns.
#   guide: 'COSMOS security guide: "healthcheck: Used during container startup to verify Redis is available. Has no password and can only run cluster info and ping commands."'
package deploylint.rules.redisacl.nopass_user

import data.deploylint.lib.redisacl
import data.deploylint.lib.result

deny contains result.key(["users", i], redisacl.nopass_msg(u)) if {
	some i in redisacl.nopass_beyond_health
	u := input.data.users[i]
	not redisacl.full_rights(u)
}
