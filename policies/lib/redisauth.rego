# METADATA
# title: Redis authentication in compose
# description: |
#   Whether a compose service's Redis or Valkey asks for a password (CMP004 when published,
#   CMP013 when reachable on the compose network only, CMP014 when the password may vanish).
package deploylint.lib.redisauth

import data.deploylint.lib.compose

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

# Bitnami's images set the password from their environment (REDIS_PASSWORD or a _FILE with
# it, VALKEY_PASSWORD for Valkey): no command line says so.
authenticated(_, svc) if {
	some var in bitnami_password_vars(svc.image_repo)
	value := svc.environment[var]
	is_string(value)
	value != ""
}

bitnami_password_vars(repo) := ["REDIS_PASSWORD", "REDIS_PASSWORD_FILE"] if regex.match(`(^|/)bitnami[a-z]*/redis$`, repo)

bitnami_password_vars(repo) := ["VALKEY_PASSWORD", "VALKEY_PASSWORD_FILE"] if regex.match(`(^|/)bitnami[a-z]*/valkey$`, repo)

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

# unauthenticated is true for a Redis or Valkey service that starts without a password.
unauthenticated(name, svc) if {
	compose.image_product(svc) in redis_products
	not authenticated(name, svc)
}

no_password_msg(name, svc) := sprintf("service %s runs Redis without a password (%s): anyone who reaches it owns the data", [name, why(svc)])
