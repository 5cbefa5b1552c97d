# METADATA
# title: Redis ACL helpers
# description: |
#   Questions about a user's final state that several ACL rules ask. The parser computes the
#   facts (each user's admin_grants, beyond_health and admin_account; the document's by_name,
#   granting_admin, nopass_users and passwords_by_sha256 indexes), so these are lookups; what
#   is computed here depends on policy data or configuration, which the parser does not see.
package deploylint.lib.redisacl

import data.deploylint.lib.secrets

# selectors is the user's root selector followed by its (…) selectors.
selectors(u) := array.concat([u.root], u.selectors)

# admin_grant is the broadest admin-level command, category or subcommand the user may run
# (the parser lists them in admin_grants, the broadest first); undefined when there is none.
admin_grant(u) := u.admin_grants[0]

# users_named are the indexes in input.data.users of the users of that name, in file order
# (more than one only in a file Redis refuses); empty when there is none.
users_named(name) := object.get(input.data.by_name, name, [])

# intended_admins are users the configuration declares as deliberate administrators; the
# configuration is optional, so an absent list means none.
intended_admins := {n | some n in data.deploylint.config.admins.redis_users}

# known_sha256 maps the SHA-256 of every public password to how a message may name it: the
# shared defaults (shipped and weak), the exact placeholder words and the empty password a
# bare `>` sets. All of them are public, so naming them leaks nothing.
known_sha256 := object.union_n([
	{h: "one of the organisation's default passwords (.deploylint.hcl)" | some v in secrets.org_passwords; h := crypto.sha256(v)},
	{h: sprintf("%q", [v]) | some v in known_values; h := crypto.sha256(v)},
	{crypto.sha256(""): "the empty password"},
])

known_values := {v | some v in secrets.default_sha256; v != ""} | secrets.placeholder_words

# has_known_password is true when one of the user's final passwords is public (asked of the
# few admin accounts; a rule about every user looks the known hashes up in
# input.data.passwords_by_sha256 instead).
has_known_password(u) if {
	some p in u.passwords
	known_sha256[p.sha256]
}

# script_user is the Redis user COSMOS hands to user scripts: OPENC3_SR_REDIS_USERNAME from the
# stack's .env, else the shipped name.
script_user := name if {
	name := input.stack.env.OPENC3_SR_REDIS_USERNAME.value
	name != ""
} else := data.deploylint.data.defaults.cosmos.redis_users.OPENC3_SR_REDIS_PASSWORD.username
