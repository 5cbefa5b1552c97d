# METADATA
# title: Redis without authentication
# description: |
#   The configuration sets neither requirepass nor an aclfile (nor user lines), and Redis
#   accepts clients beyond the loopback interface (a bind with a non-loopback address, or no
#   bind with protected-mode no). Anyone who can reach the port can read, change or delete every
#   key. A server bound to loopback only, or left to protected mode, is not reported.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/RDS001.md
#     description: rule documentation
#   - ref: https://redis.io/docs/latest/operate/oss_and_stack/management/security/
#     description: Redis security
# custom:
#   id: RDS001
#   severity: high
#   kinds: [redis-conf]
#   remediation: >-
#     Set requirepass to a long random password (openssl rand -base64 32), or better an aclfile with hashed passwords and "user default off"; keep bind on the addresses clients really use.
#   guide: 'FetchML security guide: "Redis Auth: Password-protected task queue"'
package deploylint.rules.redisconf.no_auth

import data.deploylint.lib.redisconf
import data.deploylint.lib.result

msg := "Redis listens beyond loopback without requirepass or aclfile: anyone who reaches the port owns the data; set a password or an ACL file"

deny contains result.at(["directives", redisconf.bind_index], msg) if {
	not redisconf.has_auth
	redisconf.exposed
}

deny contains result.at(["directives", redisconf.last["protected-mode"]], msg) if {
	not redisconf.has_auth
	not redisconf.bind_index
	redisconf.exposed
}
