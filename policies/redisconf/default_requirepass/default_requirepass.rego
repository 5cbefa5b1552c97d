# METADATA
# title: requirepass is a default or placeholder
# description: |
#   requirepass holds the redis.conf example password foobared, a placeholder or a
#   notoriously weak password: the first values anyone tries against an exposed Redis.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/RDS004.md
#     description: rule documentation
#   - ref: https://redis.io/docs/latest/operate/oss_and_stack/management/security/
#     description: Redis security, authentication
# custom:
#   id: RDS004
#   severity: high
#   kinds: [redis-conf]
#   remediation: >-
#     Set requirepass to a long random password (openssl rand -base64 32), ideally passed in from a secret rather than written in the file.
#   guide: 'FetchML security guide: "Redis Auth: Password-protected task queue"; COSMOS security guide: "Change all default passwords before deploying COSMOS."'
package deploylint.rules.redisconf.default_requirepass

import data.deploylint.lib.redisconf
import data.deploylint.lib.result
import data.deploylint.lib.secrets

deny contains result.at(["directives", i, "args", 0], msg) if {
	i := redisconf.last.requirepass
	pw := redisconf.directives[i].args[0]
	pw != ""
	secrets.is_known_default(pw)
	msg := describe(pw)
}

describe(pw) := sprintf("requirepass is the well-known default %q: set a long random password", [pw]) if pw in secrets.shipped_defaults

describe(pw) := "requirepass is a placeholder or a notoriously weak password: set a long random password" if not pw in secrets.shipped_defaults
