# METADATA
# title: Shipped default password, hashed or not
# description: |
#   A user's password is a public default: one COSMOS ships (openc3password,
#   scriptrunnerpassword, adminpassword, the guide's admin), the redis.conf example foobared, a
#   common placeholder, a notoriously weak password such as 12345678, or the empty password a
#   bare > sets. Hashing does not help: the SHA-256 of a known password is just as known. A
#   disabled (off) user cannot log in: ACL010 reports it, as low.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/ACL002.md
#     description: rule documentation
#   - ref: https://docs.openc3.com/docs/guides/security
#     description: COSMOS security guide, Changing Redis Passwords
# custom:
#   id: ACL002
#   severity: critical
#   kinds: [redis-acl]
#   remediation: >-
#     Choose a unique random password (openssl rand -base64 32), write its SHA-256 as #<hash> for this user, and set the same password in .env (OPENC3_REDIS_PASSWORD / OPENC3_SR_REDIS_PASSWORD).
#   guide: 'COSMOS security guide: "Change all default passwords before deploying COSMOS."'
package deploylint.rules.redisacl.default_password

import data.deploylint.lib.redisacl
import data.deploylint.lib.result

deny contains result.at(["users", i, "tokens", p.token], redisacl.known_password_msg(u, p, known)) if {
	some [i, p, known] in redisacl.known_password_uses
	u := input.data.users[i]
	u.enabled
}
