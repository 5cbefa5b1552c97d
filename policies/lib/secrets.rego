# METADATA
# title: Secret helpers
# description: |
#   Which names hold secrets, which values are placeholders, and which are public shipped
#   defaults. The values themselves are data (data.deploylint.data.defaults, from
#   policies/deploylint/data/defaults/data.json) so that a new vendor release is a data
#   change, not a code change.
package deploylint.lib.secrets

defaults := data.deploylint.data.defaults

# class is what deploylint knows of a string s, as an object of booleans: placeholder,
# shipped, weak, org (see class_of) and secret_name. The engine computes it in Go once for every
# distinct string of the document (keys included) and hands it over as input.values[s], so
# that a rule asking is a lookup; for any other string (or an input built by hand, as in
# tests) class_of gives the same answer in Rego. rules/values_test.go checks that the two agree
# on every string of the fixtures, the corpus and the defaults data. The questions below fall
# back each on its own part of the definition: a 100 MB value, never in the table, would cost
# a pattern match for the parts nobody asked.
class(s) := input.values[s]

class(s) := class_of(s) if not input.values[s]

# class_of is the definition of class.
class_of(s) := {
	"placeholder": placeholder_flag(s),
	"shipped": s in shipped_defaults,
	"weak": s in weak_passwords,
	"org": s in org_passwords,
	"secret_name": regex.match(defaults.secret_name_pattern, s),
}

placeholder_flag(s) if placeholder_of(s)

placeholder_flag(s) := false if not placeholder_of(s)

# is_secret_name is true for a variable or key name that conventionally holds a secret.
is_secret_name(name) if input.values[name].secret_name

is_secret_name(name) if {
	not input.values[name]
	regex.match(defaults.secret_name_pattern, name)
}

# is_switch is true for a boolean or null as configuration formats write them (secret.IsSwitch
# in Go): ALLOW_EMPTY_PASSWORD=yes names a password but holds none.
is_switch(value) if {
	t := trim_space(value)
	count(t) <= 39
	lower(t) in {"true", "false", "yes", "no", "on", "off", "enabled", "disabled", "enable", "disable", "none", "null", "nil", "~"}
}

# is_placeholder is true for an empty value or one that only stands in for a real secret.
is_placeholder(value) if input.values[value].placeholder

is_placeholder(value) if {
	not input.values[value]
	placeholder_of(value)
}

# placeholder_of is the definition of is_placeholder.
placeholder_of("")

# A value longer than every placeholder word is not lowered for the words, and is lowered
# once for all the patterns, not once per pattern: a copy of a 100 MB value costs.
placeholder_of(value) if {
	t := trim_space(value)
	count(t) <= placeholder_max_len
	lower(t) in placeholder_words
}

# A placeholder stands in for a password; a value of more than 256 bytes is content, never a
# placeholder, and is not lowered at all (each rule asking about a 100 MB value copied it).
placeholder_of(value) if {
	count(value) <= 256
	regex.match(placeholder_pattern, lower(trim_space(value)))
}

# A camel-case instruction (changePassword, changeRunnerAuthToken) is told by its capital,
# which lowering would lose: these patterns see the value as written.
placeholder_of(value) if {
	count(value) <= 256
	regex.match(placeholder_case_pattern, trim_space(value))
}

# The patterns are matched as one alternation: one match per value, where iterating over the
# patterns cost a .env of 20,000 secrets seconds. A group keeps each pattern's flags its own.
placeholder_pattern := any_of(defaults.placeholders.patterns)

placeholder_case_pattern := any_of(defaults.placeholders.case_patterns)

# any_of is a pattern matching what any of patterns matches (nothing, for none).
any_of(patterns) := concat("|", [sprintf("(?:%s)", [p]) | some p in patterns]) if count(patterns) > 0

any_of(patterns) := `[^\s\S]` if count(patterns) == 0

placeholder_max_len := max({count(w) | some w in placeholder_words})

# shipped_defaults is the set of every public default password the policies know. It and the
# sets below are complete documents so that OPA computes them once per evaluation.
shipped_defaults := (service_defaults | cosmos_defaults) | acl_defaults

service_defaults := {v |
	some name, s in defaults.services
	not name in {"MINIO_ROOT_USER", "MINIO_ACCESS_KEY"}
	some v in s.values
}

cosmos_defaults := {v |
	some group in ["redis", "bucket", "service", "tsdb"]
	some entry in defaults.cosmos[group]
	some v in entry.values
}

acl_defaults := {p.value |
	some p in defaults.acl_passwords
	not startswith(p.source, "a ")
}

weak_passwords := {w | some w in defaults.weak_passwords}

placeholder_words := {v | some v in defaults.placeholders.exact}

# org_passwords are the organisation's own defaults from the configuration (defaults {
# passwords = [...] }). They are not public: messages must never show them.
org_passwords := {v | some v in data.deploylint.config.defaults.passwords; v != ""}

# is_known_default is true for a shipped default, a placeholder, a notoriously weak password or
# one of the organisation's own defaults.
is_known_default(value) if known(input.values[value], value)

is_known_default(value) if {
	not input.values[value]
	known_of(value)
}

# known_of is the definition of is_known_default.
known_of(value) if value in shipped_defaults

known_of(value) if value in org_passwords

known_of(value) if value in weak_passwords

known_of(value) if {
	value != ""
	placeholder_of(value)
}

# known is is_known_default of a value whose class is c.
known(c, _) if c.shipped

known(c, _) if c.org

known(c, _) if c.weak

known(c, value) if {
	value != ""
	c.placeholder
}

# published_hashes maps a hash a project publishes in its own files (a compose fall-back, a
# README) to the default password it encodes; bcrypt and the like are too slow to try every
# default against, so the known ones are listed (in the defaults data, checked by
# rules/defaults_test.go).
published_hashes := {h.hash: h | some h in defaults.published_hashes}

# default_sha256 maps the SHA-256 (lowercase hex) of every known default password to a public
# description of it, so hashed defaults are recognised too.
default_sha256 := {crypto.sha256(v): v | some v in ((shipped_defaults | weak_passwords) | {p.value | some p in defaults.acl_passwords})}

# url_credential is the scheme (lowercase) and the password (percent-decoded) of a connection
# URL that carries user:password@, for the schemes of services with passwords
# (redis://openc3:openc3password@openc3-redis:6379).
url_credential(value) := [scheme, urlquery.decode(parts[0][3])] if {
	contains(value, "@") # a cheap filter: most values are no URL with credentials
	parts := regex.find_all_string_submatch_n(`^([A-Za-z][A-Za-z0-9+.-]*)://([^:@/\s]*):([^@/\s]*)@`, value, 1)
	count(parts) == 1
	scheme := lower(parts[0][1])
	scheme in url_schemes
}

url_schemes := {s | some s in defaults.url_schemes}
