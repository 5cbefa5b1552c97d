# METADATA
# title: Disabled user keeps a shipped default password
# description: |
#   A user that is off cannot log in, but its password is a public default (one COSMOS ships,
#   foobared, a placeholder or a notoriously weak password): whoever turns the user on, or
#   copies the line, brings the default back. Split from ACL002 (critical), which reports
#   enabled users.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/ACL010.md
#     description: rule documentation
#   - ref: https://docs.openc3.com/docs/guides/security
#     description: COSMOS security guide, Changing Redis Passwords
# custom:
#   id: ACL010
#   severity: low
#   kinds: [redis-acl]
#   split_from: ACL002
#   remediation: >-
#     Give the user a unique random password (write its SHA-256 as #<hash>) or remove the line if nobody needs the account.
#   guide: 'COSMOS security guide: "Change all default passwords before deploying COSMOS."'
package deploylint.rules.redisacl.disabled_default_password

import data.deploylint.lib.redisacl
import data.deploylint.lib.result

deny contains result.at(["users", i, "tokens", p.token], redisacl.known_password_msg(u, p, known)) if {
	some [i, p, known] in redisacl.known_password_uses
	u := input.data.users[i]
	not u.enabled
}
