# METADATA
# title: Secret helpers
# description: |
#   Which names hold secrets, which values are placeholders, and which are public shipped
#   defaults. The values themselves are data (defaults.json, at data.deploylint.data.defaults)
#   so that a new vendor release is a data change, not a code change.
package deploylint.lib.secrets

defaults := data.deploylint.data.defaults

# is_secret_name is true for a variable or key name that conventionally holds a secret.
is_secret_name(name) if regex.match(defaults.secret_name_pattern, name)

# is_placeholder is true for an empty value or one that only stands in for a real secret.
is_placeholder(value) if value == ""

is_placeholder(value) if lower(trim_space(value)) in {v | some v in defaults.placeholders.exact}

is_placeholder(value) if {
	some p in defaults.placeholders.patterns
	regex.match(p, lower(trim_space(value)))
}

# shipped_defaults is the set of every public default password the policies know.
shipped_defaults contains v if {
	some name, s in defaults.services
	some v in s.values
	not name in {"MINIO_ROOT_USER", "MINIO_ACCESS_KEY"}
}

shipped_defaults contains v if {
	some _, group in object.remove(defaults.cosmos, ["secret_key_base", "redis_users"])
	some _, entry in group
	some v in entry.values
}

shipped_defaults contains v if {
	some p in defaults.acl_passwords
	v := p.value
	not startswith(p.source, "a ")
}

# is_known_default is true for a shipped default, a placeholder or a notoriously weak password.
is_known_default(value) if value in shipped_defaults

is_known_default(value) if value in {v | some v in defaults.weak_passwords}

is_known_default(value) if {
	value != ""
	is_placeholder(value)
}

# default_sha256 maps the SHA-256 (lowercase hex) of every known default password to a public
# description of it, so hashed defaults are recognised too.
default_sha256[crypto.sha256(v)] := v if {
	some p in defaults.acl_passwords
	v := p.value
}

default_sha256[crypto.sha256(v)] := v if {
	some v in shipped_defaults
}

default_sha256[crypto.sha256(v)] := v if {
	some v in defaults.weak_passwords
}
