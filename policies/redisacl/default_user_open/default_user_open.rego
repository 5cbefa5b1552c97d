# METADATA
# title: Default user is open to everyone
# description: |
#   Every connection that does not authenticate is the default user. When the file has no
#   user default line, Redis creates it as on nopass ~* &* +@all, and requirepass is ignored
#   whenever an aclfile is used: anyone who reaches the port owns the server. The same holds
#   when the default user's final state is on with nopass.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/ACL003.md
#     description: rule documentation
#   - ref: https://docs.openc3.com/docs/guides/security
#     description: COSMOS security guide, Default Users
#   - ref: https://redis.io/docs/latest/operate/oss_and_stack/management/security/acl/
#     description: Redis ACL, the default user
# custom:
#   id: ACL003
#   severity: critical
#   kinds: [redis-acl]
#   remediation: >-
#     Add the line "user default off" (as COSMOS ships it), or give the default user a password (#<hash>) and only the commands it needs.
#   guide: 'COSMOS security guide: "default (disabled) Default Redis user, disabled for security"'
package deploylint.rules.redisacl.default_user_open

import data.deploylint.lib.redisacl
import data.deploylint.lib.result

deny contains result.file("no \"user default\" line: Redis then creates the default user as on nopass ~* &* +@all, open to every connection; add \"user default off\"") if {
	not input.data.has_default_user
	count(input.data.errors) == 0
}

deny contains result.key(["users", i], "the default user is on with nopass: every connection gets its rights without a password; turn it off or give it a hashed password") if {
	some i in redisacl.users_named("default")
	input.data.users[i].enabled
	input.data.users[i].nopass
}
