# METADATA
# title: Redis password from a variable that may be unset
# description: |
#   A Redis or Valkey service takes its --requirepass from ${REDIS_PASSWORD} or
#   ${REDIS_PASSWORD:-} instead of the required ${REDIS_PASSWORD:?…}: the day the variable is
#   missing, compose passes an empty password and Redis silently starts without one. Split from
#   CMP004 (critical), which reports a Redis that has no password now.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/CMP014.md
#     description: rule documentation
#   - ref: https://redis.io/docs/latest/operate/oss_and_stack/management/security/
#     description: Redis security
# custom:
#   id: CMP014
#   severity: medium
#   kinds: [compose]
#   split_from: CMP004
#   remediation: >-
#     Write the password as ${REDIS_PASSWORD:?set REDIS_PASSWORD} so compose refuses to start without it.
#   guide: 'FetchML security guide: "docker-compose.yml requires REDIS_PASSWORD to be set explicitly" and "Redis Auth: Password-protected task queue"'
package deploylint.rules.compose.redis_password_optional

import data.deploylint.lib.compose
import data.deploylint.lib.redisauth
import data.deploylint.lib.result

deny contains result.at(["services", name, "command"], msg) if {
	some name, svc in input.data.services
	compose.image_product(svc) in redisauth.redis_products
	redisauth.authenticated(name, svc)
	regex.match(`--requirepass[= ]+["']?\$\{?[A-Za-z_][A-Za-z0-9_]*(:?-[^}]*)?\}?["']?(\s|$)`, svc.command_raw)
	msg := sprintf("service %s takes its Redis password from a variable that may be unset (${VAR} or ${VAR:-}); use ${VAR:?…} so compose refuses to start without it", [name])
}
