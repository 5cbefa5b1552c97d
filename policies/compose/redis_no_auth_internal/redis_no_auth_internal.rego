# METADATA
# title: Redis without authentication on the compose network
# description: |
#   A Redis or Valkey service starts without a password, judged as in CMP004, but publishes no
#   port beyond loopback: every container on its network (and whoever compromises one) gets in.
#   Split from CMP004 (critical), which reports such a Redis published on all interfaces.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/CMP013.md
#     description: rule documentation
#   - ref: https://redis.io/docs/latest/operate/oss_and_stack/management/security/
#     description: Redis security
# custom:
#   id: CMP013
#   severity: high
#   kinds: [compose]
#   split_from: CMP004
#   remediation: >-
#     Start Redis with --requirepass ${REDIS_PASSWORD:?set REDIS_PASSWORD} (or --aclfile with a users.acl), or mount a redis.conf that sets requirepass or aclfile.
#   guide: 'FetchML security guide: "docker-compose.yml requires REDIS_PASSWORD to be set explicitly" and "Redis Auth: Password-protected task queue"'
package deploylint.rules.compose.redis_no_auth_internal

import data.deploylint.lib.compose
import data.deploylint.lib.redisauth
import data.deploylint.lib.result

deny contains result.key(["services", name], redisauth.no_password_msg(name, svc)) if {
	some name, svc in input.data.services
	redisauth.unauthenticated(name, svc)
	not compose.published_beyond_loopback(svc)
}
