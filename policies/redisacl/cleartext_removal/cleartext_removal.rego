# METADATA
# title: Password removal written in cleartext
# description: |
#   A <password token removes a password from a user, but writes that password into the file in
#   cleartext: anyone who can read the file, a backup or the repository learns a password the
#   user had, which may still be in use elsewhere. Redis accepts !<sha256> for the same removal.
#   Split from ACL001 (high), which reports the >password tokens that add one.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/ACL009.md
#     description: rule documentation
#   - ref: https://docs.openc3.com/docs/guides/security
#     description: COSMOS security guide, Redis ACL configuration
#   - ref: https://redis.io/docs/latest/operate/oss_and_stack/management/security/acl/
#     description: Redis ACL rules (#<hash> passwords)
# custom:
#   id: ACL009
#   severity: medium
#   kinds: [redis-acl]
#   split_from: ACL001
#   remediation: >-
#     Replace <password with !<hash>, where <hash> is printf '%s' 'password' | sha256sum (64 lowercase hex characters).
#   guide: 'COSMOS security guide: "Use hashed passwords in users.acl to avoid storing cleartext passwords on disk."'
package deploylint.rules.redisacl.cleartext_removal

import data.deploylint.lib.result

deny contains result.at(["users", i, "tokens", c.token], msg) if {
	some i, u in input.data.users
	some c in u.cleartext
	c.op == "<"
	msg := sprintf("user %s removes a password written in cleartext (<…): use !<hash> instead", [u.name])
}
