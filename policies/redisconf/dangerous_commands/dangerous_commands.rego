# METADATA
# title: Dangerous commands not renamed
# description: |
#   A network-reachable Redis without ACLs lets every client that knows the password run
#   FLUSHALL and FLUSHDB (wipe all data). Without an aclfile or user lines to restrict
#   commands, rename-command FLUSHALL "" and FLUSHDB "" disable them. Servers bound to loopback
#   only, and servers that use ACLs, are not reported.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/RDS003.md
#     description: rule documentation
#   - ref: https://redis.io/docs/latest/operate/oss_and_stack/management/security/
#     description: Redis security, disabling specific commands
# custom:
#   id: RDS003
#   severity: medium
#   kinds: [redis-conf]
#   remediation: >-
#     Add rename-command FLUSHALL "" and rename-command FLUSHDB "" (and consider CONFIG, DEBUG, KEYS), or move to an aclfile whose users lack those commands.
#   guide: 'FetchML security guide: "Harden Redis: … rename-command FLUSHDB "" … rename-command FLUSHALL """'
package deploylint.rules.redisconf.dangerous_commands

import data.deploylint.lib.redisconf
import data.deploylint.lib.result

renamed contains upper(d.args[0]) if {
	some d in redisconf.directives
	d.name == "rename-command"
	count(d.args) == 2
	d.args[1] == ""
}

deny contains result.file(sprintf("%s is not disabled (rename-command %s \"\") on a network-reachable Redis without ACLs", [cmd, cmd])) if {
	redisconf.exposed
	not redisconf.has_acl
	some cmd in ["FLUSHALL", "FLUSHDB"]
	not cmd in renamed
}
