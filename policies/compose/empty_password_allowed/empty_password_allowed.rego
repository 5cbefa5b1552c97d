# METADATA
# title: Image told to allow an empty password
# description: |
#   A service sets a variable that tells its image to start without a password when none is
#   given: Bitnami's ALLOW_EMPTY_PASSWORD (Redis, Valkey, MariaDB, MySQL, PostgreSQL, MongoDB),
#   the official MySQL and MariaDB images' MYSQL_ALLOW_EMPTY_PASSWORD and
#   MARIADB_ALLOW_EMPTY_ROOT_PASSWORD. With no password set alongside, the service then accepts
#   anyone who reaches it. A service that also sets the password the allowance would stand in
#   for (the root password for MySQL and MariaDB, any password for Bitnami) is not reported,
#   nor is an allowance set to no, false, 0 or off.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/CMP012.md
#     description: rule documentation
#   - ref: https://hub.docker.com/_/mysql
#     description: MySQL image, MYSQL_ALLOW_EMPTY_PASSWORD
#   - ref: https://github.com/bitnami/containers/tree/main/bitnami/redis#configuration
#     description: Bitnami Redis, ALLOW_EMPTY_PASSWORD
# custom:
#   id: CMP012
#   severity: high
#   kinds: [compose]
#   remediation: >-
#     Remove the allowance and set the service's password from a secret (REDIS_PASSWORD, MYSQL_ROOT_PASSWORD, MARIADB_ROOT_PASSWORD, …, or their _FILE forms).
#   guide: 'FetchML security guide: "Redis Auth: Password-protected task queue"'
package deploylint.rules.compose.empty_password_allowed

import data.deploylint.lib.result

# allowances maps each allowance variable to the passwords that make it moot: those it stands
# in for. "*" is any password-named variable of the service (Bitnami uses the first it finds).
allowances := {
	"ALLOW_EMPTY_PASSWORD": {"*"},
	"MYSQL_ALLOW_EMPTY_PASSWORD": {"MYSQL_ROOT_PASSWORD", "MYSQL_ROOT_PASSWORD_FILE", "MARIADB_ROOT_PASSWORD", "MARIADB_ROOT_PASSWORD_FILE"},
	"MARIADB_ALLOW_EMPTY_ROOT_PASSWORD": {"MARIADB_ROOT_PASSWORD", "MARIADB_ROOT_PASSWORD_FILE", "MYSQL_ROOT_PASSWORD", "MYSQL_ROOT_PASSWORD_FILE"},
}

deny contains result.at(["services", name, "environment", var], msg) if {
	some name, svc in input.data.services
	some var, moot in allowances
	value := svc.environment[var]
	is_string(value)
	not lower(trim_space(value)) in {"", "no", "false", "0", "off", "n"}
	not password_set(svc, moot)
	msg := sprintf("service %s sets %s and no password: the image starts with an empty one, open to anyone who reaches it; remove %s and set a password from a secret", [name, var, var])
}

password_set(svc, moot) if {
	some p in moot
	p != "*"
	given(svc.environment[p])
}

password_set(svc, moot) if {
	"*" in moot
	some k, v in svc.environment
	endswith(k, "PASSWORD")
	not contains(k, "ALLOW")
	given(v)
}

password_set(svc, moot) if {
	"*" in moot
	some k, v in svc.environment
	endswith(k, "PASSWORD_FILE")
	given(v)
}

# given: a value is set (a variable listed without one, or empty, gives no password).
given(v) if {
	is_string(v)
	v != ""
}
