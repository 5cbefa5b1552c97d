# METADATA
# title: Redis without authentication
# description: |
#   A Redis or Valkey service starts without a password: its command line (entrypoint and
#   command, the script of sh -c "…" included) sets neither --requirepass nor --aclfile (or sets
#   an empty password, as an empty REDIS_PASSWORD in .env does, or takes it from a shell
#   variable such as $REDIS_PASSWORD that the service's environment and env_file do not set) and
#   no mounted users.acl or redis.conf provides authentication. Critical when a port is
#   published on all interfaces, high otherwise (every container on the network gets in).
#   When the password is ${REDIS_PASSWORD} or ${REDIS_PASSWORD:-} instead of the required
#   ${REDIS_PASSWORD:?…}, Redis silently starts without a password the day the variable is
#   missing: medium.
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
import data.deploylint.lib.result

redis_products := {"Redis", "Valkey"}

password_arg(svc) := svc.command[i + 1] if {
	some i, arg in svc.command
	arg == "--requirepass"
}

authenticated(name, svc) if {
	pw := password_arg(svc)
	pw != ""
	not password_var_unset(svc)
}

authenticated(name, svc) if "--aclfile" in svc.command

# COSMOS's own Redis image starts from its configuration, which loads users.acl (the ACL
# rules judge that file): no command line says so.
authenticated(_, svc) if regex.match(`(^|/)openc3-redis(-ubi)?$`, svc.image_repo)

# The flags the scanner found on the command line, sh -c scripts included.
authenticated(_, svc) if {
	not password_var_unset(svc)
	some f in svc.command_flags
	f.name == "--requirepass"
	flag_password(svc, f)
}

authenticated(_, svc) if {
	some f in svc.command_flags
	f.name == "--aclfile"
	f.value != "" # a path: whatever its origin, Redis then reads its users from that file
}

authenticated(name, _) if {
	some m in compose.mounts_of(name)
	m.kind == "redis-acl"
}

authenticated(name, _) if {
	some m in compose.mounts_of(name)
	m.kind == "redis-conf"
	some d in m.data.directives
	d.name in {"requirepass", "aclfile", "user"}
	d.args[0] != ""
}

# password_var_unset is true when --requirepass takes a plain ${VAR} (no default, not
# required) that no scanned .env sets: compose would start Redis with an empty password.
flag_password(_, f) if {
	f.origin != "shell"
	f.value != ""
}

# valkey-server --requirepass $REDIS_PASSWORD in sh -c: the container's environment must set
# it. A value the script computes ("$(cat /run/secrets/redis)", a variable it assigns) has no
# vars: what it holds is not known, so it counts.
flag_password(svc, f) if {
	f.origin == "shell"
	every v in f.vars {
		env_provides(svc, v)
	}
}

env_provides(svc, v) if {
	is_string(svc.environment[v])
	svc.environment[v] != ""
}

# A bare variable passes the host's value through, which the scan cannot see.
env_provides(svc, v) if svc.environment_origin[v] == "host"

# An env_file the scan could not read (outside the scanned tree) may set it.
env_provides(svc, v) if {
	not v in object.keys(svc.environment)
	svc.env_files_unread
}

# shell_var_missing is true when --requirepass takes a shell variable the environment lacks.
shell_var_missing(svc) if {
	some f in svc.command_flags
	f.name == "--requirepass"
	f.origin == "shell"
	not flag_password(svc, f)
}

password_var_unset(svc) if {
	some m in regex.find_all_string_submatch_n(`--requirepass[= ]+["']?\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?(["'\s]|$)`, svc.command_raw, -1)
	m[1] in input.data.unset_variables
}

why(svc) := "its --requirepass variable is set by no scanned .env, so compose passes an empty password" if password_var_unset(svc)

why(svc) := "its --requirepass takes a shell variable that the service's environment does not set" if {
	not password_var_unset(svc)
	shell_var_missing(svc)
}

why(svc) := "no --requirepass, --aclfile or mounted ACL/redis.conf, or an empty password" if {
	not password_var_unset(svc)
	not shell_var_missing(svc)
}

severity(svc) := "critical" if compose.published_beyond_loopback(svc)

severity(svc) := "high" if not compose.published_beyond_loopback(svc)

deny contains result.severity(result.key(["services", name], msg), sev) if {
	some name, svc in input.data.services
	compose.image_product(svc) in redis_products
	not authenticated(name, svc)
	sev := severity(svc)
	msg := sprintf("service %s runs Redis without a password (%s): anyone who reaches it owns the data", [name, why(svc)])
}

deny contains result.severity(result.at(["services", name, "command"], msg), "medium") if {
	some name, svc in input.data.services
	compose.image_product(svc) in redis_products
	authenticated(name, svc)
	regex.match(`--requirepass[= ]+["']?\$\{?[A-Za-z_][A-Za-z0-9_]*(:?-[^}]*)?\}?["']?(\s|$)`, svc.command_raw)
	msg := sprintf("service %s takes its Redis password from a variable that may be unset (${VAR} or ${VAR:-}); use ${VAR:?…} so compose refuses to start without it", [name])
}
