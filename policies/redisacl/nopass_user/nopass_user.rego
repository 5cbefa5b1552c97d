# METADATA
# title: Passwordless user can do more than health checks
# description: |
#   A user that is on with nopass accepts any password. That is fine for a health-check user
#   limited to PING and CLUSTER INFO (as COSMOS's healthcheck user is), not for one that can
#   run other commands or reach keys or channels. With +@all or +@admin it is critical. The
#   default user is reported by ACL003.
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

import data.deploylint.lib.result

deny contains result.severity(result.key(["users", i], msg), sev) if {
	some i in input.data.nopass_users
	u := input.data.users[i]
	u.enabled
	u.beyond_health
	u.name != "default"
	sev := severity(u)
	msg := sprintf("user %s has no password (nopass) yet may do more than health checks: give it a hashed password or only +ping +cluster|info", [u.name])
}

# severity is critical with +@all or +@admin in effect (the parser lists @all or @admin).
severity(u) := "critical" if {
	some t in ["@all", "@admin"]
	t in u.admin_grants
} else := "high"
