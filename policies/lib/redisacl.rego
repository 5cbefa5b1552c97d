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
# bare `>` sets. All of them are public, so naming them leaks nothing. The organisation's
# passwords (a few, from the configuration) are hashed here; the public ones once per engine.
known_sha256 := object.union_n([
	{h: "one of the organisation's default passwords (.deploylint.hcl)" | some v in secrets.org_passwords; h := crypto.sha256(v)},
	public_sha256,
	{crypto.sha256(""): "the empty password"},
])

# public_sha256 is the table of the public defaults' hashes: the engine computes it once
# (data.deploylint.facts.public_sha256, rules/facts.go) instead of hashing every default for
# each users.acl; public_sha256_of is its definition, which plain opa uses.
public_sha256 := data.deploylint.facts.public_sha256

public_sha256 := public_sha256_of if not data.deploylint.facts.public_sha256

public_sha256_of := {h: sprintf("%q", [v]) | some v in known_values; h := crypto.sha256(v)}

known_values := {v | some v in secrets.default_sha256; v != ""} | secrets.placeholder_words

# known_password_uses are [user index, password, how a message names it] for every final
# password that is public (ACL002 for enabled users, ACL010 for disabled ones). Only the final
# password set counts: a default removed again with <pw or !hash cannot log in. The parser
# indexes the final passwords by SHA-256, so each known password is one lookup.
known_password_uses contains [i, p, known] if {
	some h, known in known_sha256
	some [i, k] in input.data.passwords_by_sha256[h]
	p := input.data.users[i].passwords[k]
}

# known_password_msg names the user and the public password (never a secret one).
known_password_msg(u, p, known) := sprintf("user %s has a well-known default password: %s %s; set a unique random one", [u.name, form, known]) if {
	form := {"hash": "its hash is the SHA-256 of", "cleartext": "it is"}[p.form]
}

# full_rights is true for a user with +@all or +@admin in effect (the parser lists @all or
# @admin among its admin grants): a passwordless one is ACL011's, the others ACL004's.
full_rights(u) if {
	some t in ["@all", "@admin"]
	t in u.admin_grants
}

# nopass_beyond_health are the indexes of the enabled users other than default that log in
# without a password (nopass) yet may do more than health checks.
nopass_beyond_health contains i if {
	some i in input.data.nopass_users
	u := input.data.users[i]
	u.enabled
	u.beyond_health
	u.name != "default"
}

nopass_msg(u) := sprintf("user %s has no password (nopass) yet may do more than health checks: give it a hashed password or only +ping +cluster|info", [u.name])

# unintended_admins are the indexes of the enabled, passworded administrator accounts the
# configuration does not declare as intended (ACL005, or ACL012 with a weak password).
unintended_admins contains i if {
	some i in input.data.granting_admin
	u := input.data.users[i]
	u.admin_account
	u.enabled
	not u.nopass
	not u.name in intended_admins
	admin_grant(u)
}

admin_msg(u) := sprintf("user %s is enabled with administrator rights (%s): turn it off if nobody needs it, or secure it and declare it as an intended admin", [u.name, admin_grant(u)])

# weak_password: the user also has ACL001's or ACL002's problem, so its password is readable
# in the file or public.
weak_password(u) if count(u.cleartext) > 0

weak_password(u) if has_known_password(u)

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
