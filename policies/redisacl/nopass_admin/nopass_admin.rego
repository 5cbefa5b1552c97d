# METADATA
# title: Passwordless user with full or admin rights
# description: |
#   A user that is on with nopass accepts any password; with +@all or +@admin in effect (+@all
#   -@admin still grants @all) whoever reaches Redis can read and rewrite every key, change
#   users and load modules. Split from ACL004 (high), which reports passwordless users with
#   lesser rights. The default user is reported by ACL003.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/ACL011.md
#     description: rule documentation
#   - ref: https://docs.openc3.com/docs/guides/security
#     description: COSMOS security guide, User Permissions (healthcheck)
# custom:
#   id: ACL011
#   severity: critical
#   kinds: [redis-acl]
#   split_from: ACL004
#   remediation: >-
#     Give the user a hashed password (#<hash>), or reduce it to -@all +ping +cluster|info with no key or channel patterns.
#   guide: 'COSMOS security guide: "healthcheck: Used during container startup to verify Redis is available. Has no password and can only run cluster info and ping commands."'
package deploylint.rules.redisacl.nopass_admin

import data.deploylint.lib.redisacl
import data.deploylint.lib.result

deny contains result.key(["users", i], redisacl.nopass_msg(u)) if {
	some i in redisacl.nopass_beyond_health
	u := input.data.users[i]
	redisacl.full_rights(u)
}
