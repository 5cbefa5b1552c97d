# METADATA
# title: Default credential in service environment
# description: |
#   A service's environment, as docker compose resolves it, sets a credential to a shipped
#   default, a placeholder, a notoriously weak password, the user, database or service name
#   itself (POSTGRES_PASSWORD=nextcloud next to POSTGRES_USER=nextcloud), or a value the zxcvbn
#   password-strength estimator rates guessable (fewer than a million guesses: 123,
#   supersecret, a dictionary word; never printed). This covers values written in the compose
#   file and ${VAR:-fallback} fall-backs used because VAR is unset; a value that comes from the
#   project's .env is reported there (ENV rules). It also covers passwords given on the command
#   line in entrypoint or command, shell scripts (sh -c "…") included: secret-named flags
#   (--requirepass, --admin-password=…, --db-root-password …), mysql's -pPASSWORD, redis-cli's
#   -a; a MinIO service with no root credentials at all (MinIO then starts with
#   minioadmin/minioadmin); a variable that holds a hash a project published for its
#   default password (dockprom's bcrypt of "admin"); a connection URL, whatever the variable's
#   name, whose user-info holds such a password (redis://openc3:openc3password@openc3-redis);
#   and the SECRET_KEY_BASE COSMOS ships in every release, which signs its sessions.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/CMP003.md
#     description: rule documentation
#   - ref: https://docs.openc3.com/docs/guides/security
#     description: COSMOS security guide, Credentials
# custom:
#   id: CMP003
#   severity: high
#   kinds: [compose]
#   remediation: >-
#     Reference a secret instead: VAR: ${VAR:?set VAR in .env} with a unique random value in the (git-ignored) .env, or a *_FILE variable with compose secrets.
#   guide: 'COSMOS security guide: "Change all default passwords before deploying COSMOS."; FetchML security guide: "Never commit passwords/keys to git"'
package deploylint.rules.compose.default_credential

import data.deploylint.lib.result
import data.deploylint.lib.secrets

services_table := data.deploylint.data.defaults.services

credential_name(name) if secrets.is_secret_name(name)

credential_name(name) if services_table[name]

# identity_values are names a password must not repeat: users, databases, the service.
identity_values(svc_name, svc) := {lower(v) |
	some k, v in svc.environment
	is_string(v)
	v != ""
	regex.match(`(?i)(USER|USERNAME|_DB|DATABASE|_NAME)$`, k)
} | {lower(svc_name), lower(svc.image_repo)}

# weak_vars maps, per service, each credential variable written in the compose file (or
# falling back to a default there) to what makes its value weak. A complete document, so it is
# computed once per evaluation: CMP003 and CMP006 look a variable up instead of judging it again.
weak_vars[name][var] := problem if {
	some name, svc in input.data.services
	some var, value in svc.environment
	is_string(value)
	value != ""
	svc.environment_origin[var] in {"literal", "default"}
	credential_name(var)
	problem := weak(name, svc, var, value)
}

# The alternatives are tried in turn, so a value is matched against the defaults once.
weak(svc_name, svc, var, value) := "a well-known default" if {
	secrets.is_known_default(value)
} else := "the same as a user, database or service name" if {
	# A password equal to a name is guessable; a user name equal to a name is normal.
	secrets.is_secret_name(var)
	lower(value) in identity_values(svc_name, svc)
} else := guessable if {
	# A guessable value (zxcvbn, computed by the scanner) is the operator's own: never shown.
	svc.environment_weak[var]
	not lower(value) in identity_values(svc_name, svc)
}

guessable := "guessable (a password-strength estimator finds it in under a million guesses)"

shown(value) := sprintf(" (%q)", [value]) if value in secrets.shipped_defaults

shown(value) := "" if not value in secrets.shipped_defaults

origin_text := {"literal": "is written in the compose file", "default": "falls back to a default in the compose file"}

deny contains result.at(["services", name, "environment", var], msg) if {
	some name, vars in weak_vars
	some var, problem in vars
	svc := input.data.services[name]
	value := svc.environment[var]
	how := origin_text[svc.environment_origin[var]]
	msg := sprintf("service %s: %s %s and is %s%s; use a unique secret from .env or compose secrets", [name, var, how, problem, shown(value)])
}

# A published hash is the default password whatever the variable is called (ADMIN_PASSWORD_HASH).
deny contains result.at(["services", name, "environment", var], msg) if {
	some name, svc in input.data.services
	some var, value in svc.environment
	h := secrets.published_hashes[value]
	how := origin_text[svc.environment_origin[var]]
	msg := sprintf("service %s: %s %s and is the published hash of the default password %q (%s); use the hash of a unique password, from .env", [name, var, how, h.password, h.source])
}

# A password flag on the command line (the scanner parses entrypoint, command and the scripts
# of sh -c): only a value written in the compose file, or its ${VAR:-fallback}; one
# interpolated from .env is reported there, one the container's shell expands is its
# environment's.
# A connection URL's password is a credential whatever the variable's name (OPENC3_REDIS_URL).
deny contains result.at(["services", name, "environment", var], msg) if {
	some name, svc in input.data.services
	some var, value in svc.environment
	is_string(value)
	svc.environment_origin[var] in {"literal", "default"}
	not credential_name(var) # judged whole above
	[scheme, password] := secrets.url_credential(value)
	secrets.is_known_default(password)
	how := origin_text[svc.environment_origin[var]]
	msg := sprintf("service %s: %s %s and is a %s URL whose password is a default, placeholder or well-known weak value; build it from a unique secret in .env", [name, var, how, scheme])
}

# COSMOS ships one SECRET_KEY_BASE in every release: whoever has it can forge sessions.
deny contains result.at(["services", name, "environment", "SECRET_KEY_BASE"], msg) if {
	some name, svc in input.data.services
	svc.environment.SECRET_KEY_BASE == data.deploylint.data.defaults.cosmos.secret_key_base
	how := origin_text[svc.environment_origin.SECRET_KEY_BASE]
	msg := sprintf("service %s: SECRET_KEY_BASE %s and is the value COSMOS ships in every release; generate a unique one (openssl rand -hex 64) in .env", [name, how])
}

deny contains result.at(["services", name, "command_flags", i], msg) if {
	some name, svc in input.data.services
	some i, f in svc.command_flags
	f.secret
	f.origin in {"literal", "default"}
	f.value != ""
	problem := flag_problem(f)
	msg := sprintf("service %s passes %s%s on its command line %s, and it is %s%s; pass a unique secret from .env or a secrets file", [name, f.name, program_text(f), flag_origin_text[f.origin], problem, shown(f.value)])
}

deny contains result.key(["services", name], msg) if {
	some name, svc in input.data.services
	svc.image_repo in {"minio/minio", "bitnami/minio", "quay.io/minio/minio"}
	count({k | some k, _ in svc.environment; startswith(k, "MINIO_ROOT_")}) == 0
	count({k | some k, _ in svc.environment; k in {"MINIO_ACCESS_KEY", "MINIO_SECRET_KEY"}}) == 0
	msg := sprintf("service %s runs MinIO without MINIO_ROOT_USER/MINIO_ROOT_PASSWORD, so it starts with minioadmin/minioadmin; set both from secrets", [name])
}

flag_problem(f) := "a well-known default" if secrets.is_known_default(f.value)

flag_problem(f) := guessable if {
	not secrets.is_known_default(f.value)
	f.weak
}

program_text(f) := sprintf(" to %s", [f.program]) if f.program != ""

program_text(f) := "" if f.program == ""

flag_origin_text := {"literal": "as written in the compose file", "default": "as the default of an unset variable"}
