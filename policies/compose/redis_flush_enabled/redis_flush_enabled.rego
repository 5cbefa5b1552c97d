# METADATA
# title: Redis started without disabling FLUSHDB and FLUSHALL
# description: |
#   A service starts Redis (or Valkey, KeyDB) from its compose command line, publishes a port,
#   and does not rename FLUSHDB and FLUSHALL away (--rename-command FLUSHDB ""), so any client
#   that gets in from the host or beyond can wipe every key with one command. This is RDS003
#   for Redis configured on the command line. A Redis reachable only on the compose network is
#   not reported (real deployments such as netbox-docker are judged clean that way), nor is a
#   command that hands Redis a configuration file, or a service with a scanned redis.conf
#   mounted: that file decides (RDS003).
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/CMP011.md
#     description: rule documentation
#   - ref: https://redis.io/docs/latest/operate/oss_and_stack/management/security/#disallowing-specific-commands
#     description: Redis security, disallowing specific commands
# custom:
#   id: CMP011
#   severity: medium
#   kinds: [compose]
#   remediation: >-
#     Add --rename-command FLUSHDB "" --rename-command FLUSHALL "" to the redis-server command (or set rename-command in a mounted redis.conf).
#   guide: 'FetchML security guide: "Harden Redis"'
package deploylint.rules.compose.redis_flush_enabled

import data.deploylint.lib.compose
import data.deploylint.lib.result

servers := {"redis-server", "valkey-server", "keydb-server", "redis-stack-server"}

flush_commands := ["FLUSHDB", "FLUSHALL"]

deny contains result.at(["services", name, "command"], msg) if {
	some name, svc in input.data.services
	starts_server(svc)
	count(svc.ports) > 0
	not configured_elsewhere(name, svc)
	enabled := [c | some c in flush_commands; not renamed(svc, c)]
	count(enabled) > 0
	fix := concat(" ", [sprintf("--rename-command %s \"\"", [c]) | some c in enabled])
	msg := sprintf("service %s starts Redis without disabling %s: add %s to its command", [name, concat(" and ", enabled), fix])
}

starts_server(svc) if {
	some w in svc.command
	basename(w) in servers
}

starts_server(svc) if {
	some f in svc.command_flags
	basename(f.program) in servers
}

basename(p) := regex.replace(p, `^.*/`, "")

renamed(svc, c) if {
	some f in svc.command_flags
	lower(f.name) == "--rename-command"
	upper(f.value) == c
}

# A configuration file on the command line (redis-server /etc/redis/redis.conf …) or a
# mounted redis.conf decides, and RDS003 judges it where it is scanned.
configured_elsewhere(_, svc) if {
	some w in svc.command
	endswith(w, ".conf")
}

configured_elsewhere(_, svc) if {
	some f in svc.command_flags
	basename(f.program) in servers
	endswith(f.value, ".conf")
}

configured_elsewhere(name, _) if {
	some m in compose.mounts_of(name)
	m.kind == "redis-conf"
}
