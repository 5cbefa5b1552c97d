# METADATA
# title: Cleartext password in users.acl
# description: |
#   A >password token stores the password as written: anyone who can read the file, a backup
#   or the repository has it. Redis accepts #<sha256> instead and never needs the cleartext.
#   A <password token (removing a password) is ACL009's.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/ACL001.md
#     description: rule documentation
#   - ref: https://docs.openc3.com/docs/guides/security
#     description: COSMOS security guide, Redis ACL configuration
#   - ref: https://redis.io/docs/latest/operate/oss_and_stack/management/security/acl/
#     description: Redis ACL rules (#<hash> passwords)
# custom:
#   id: ACL001
#   severity: high
#   kinds: [redis-acl]
#   remediation: >-
#     Replace >password with #<hash>, where <hash> is printf '%s' 'password' | sha256sum (64 lowercase hex characters); replace <password with !<hash>.
#   guide: 'COSMOS security guide: "Use hashed passwords in users.acl to avoid storing cleartext passwords on disk."'
package deploylint.rules.redisacl.cleartext_password

import data.deploylint.lib.result

deny contains result.at(["users", i, "tokens", c.token], msg) if {
	some i, u in input.data.users
	some c in u.cleartext
	c.op == ">"
	msg := sprintf("user %s has a cleartext password (>…): store its SHA-256 as #<hash> instead", [u.name])
}
