# METADATA
# title: Redis will refuse to load this file
# description: |
#   Redis checks every line of an ACL file at start-up and refuses to start (or ACL LOAD
#   fails) on the first error: a line not starting with user <name> (there are no comment
#   lines), a duplicate user, a malformed hash, a pattern after allkeys or allchannels, a bad %
#   flag, an unclosed selector, an unknown keyword, command or category. The service depending
#   on Redis is down until it is fixed.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/ACL007.md
#     description: rule documentation
#   - ref: https://redis.io/docs/latest/operate/oss_and_stack/management/security/acl/
#     description: Redis ACL rules
#   - ref: https://redis.io/docs/latest/commands/acl-load/
#     description: Redis ACL LOAD, all or nothing
# custom:
#   id: ACL007
#   severity: critical
#   kinds: [redis-acl]
#   remediation: >-
#     Fix or delete the reported line (move comments to a separate README; Redis allows none), then check with redis-server --aclfile users.acl or ACL LOAD.
#   guide: 'Redis ACL LOAD: "If one or more line in the file is not valid, nothing is loaded, and the old ACL rules defined in the server memory continue to be used." (at start-up there are no old rules: redis-server exits; COSMOS mounts openc3-redis/users.acl as its aclfile)'
package deploylint.rules.redisacl.load_error

import data.deploylint.lib.result

deny contains result.at(["errors", k], sprintf("Redis will refuse this file: %s", [e.msg])) if {
	some k, e in input.data.errors
}
