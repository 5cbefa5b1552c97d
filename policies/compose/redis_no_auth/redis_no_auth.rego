# METADATA
# title: Redis without authentication
# description: |
#   A Redis or Valkey service starts without a password: its command line (entrypoint and
#   command, the script of sh -c "…" included) sets neither --requirepass nor --aclfile (or sets
#   an empty password, as an empty REDIS_PASSWORD in .env does, or takes it from a shell
#   variable such as $REDIS_PASSWORD that the service's environment and env_file do not set) and
#   no mounted users.acl or redis.conf provides authentication, and a port is published on all
#   interfaces. The same Redis reachable only on the compose network is CMP013's; a password
#   taken from a variable that may be unset is CMP014's.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/CMP004.md
#     description: rule documentation
#   - ref: https://redis.io/docs/latest/operate/oss_and_stack/management/security/
#     description: Redis security
# custom:
#   id: CMP004
#   severity: critical
#   kinds: [compose]
#   remediation: >-
#     Start Redis with --requirepass "${REDIS_PASSWORD:?set REDIS_PASSWORD}" (or mount an ACL file and pass --aclfile), keep the password in the git-ignored .env, and do not publish the port.
#   guide: 'FetchML security guide: "docker-compose.yml requires REDIS_PASSWORD to be set explicitly" and "Redis Auth: Password-protected task queue"'
package deploylint.rules.compose.redis_no_auth

import data.deploylint.lib.compose
import data.deploylint.lib.redisauth
import data.deploylint.lib.result

deny contains result.key(["services", name], redisauth.no_password_msg(name, svc)) if {
	some name, svc in input.data.services
	redisauth.unauthenticated(name, svc)
	compose.published_beyond_loopback(svc)
}
