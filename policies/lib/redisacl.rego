# METADATA
# title: Redis ACL helpers
# description: |
#   Questions about a user's final state (computed left to right by the parser) that several
#   ACL rules ask. Command rules keep only the last rule for each command or category, so a
#   rule's presence decides; without one the selector's base (+@all or -@all) does.
package deploylint.lib.redisacl

import data.deploylint.lib.secrets

# selectors is the user's root selector followed by its (…) selectors.
selectors(u) := array.concat([u.root], u.selectors)

# grants is true when a selector allows a command or @category.
grants(sel, target) if concat("", ["+", target]) in sel.command_rules

grants(sel, target) if {
	sel.allcommands
	not concat("", ["-", target]) in sel.command_rules
}

grants(sel, "@all") if sel.allcommands

# admin_targets can reconfigure or take over the server.
admin_targets := ["@all", "@admin", "@dangerous", "acl", "config", "module", "debug"]

# admin_commands are the admin_targets that are commands: their subcommands count as well.
admin_commands := {"acl", "config", "module", "debug"}

# harmless_subcommands only describe the server. CONFIG GET is here because monitoring users
# (redis_exporter) need it; the rest only print help, categories or the caller's own name.
harmless_subcommands := {
	"acl|whoami", "acl|cat", "acl|help",
	"config|get", "config|help",
	"module|list", "module|help",
}

# admin_subcommands are the +cmd|sub rules of a selector that administer the server.
admin_subcommands(sel) := [sub |
	some r in sel.command_rules
	startswith(r, "+")
	sub := substring(r, 1, -1)
	parts := split(sub, "|")
	count(parts) == 2
	parts[0] in admin_commands
	not sub in harmless_subcommands
]

# admin_grants lists every admin-level command, category or subcommand the user may run, the
# broadest first.
admin_grants(u) := array.concat(
	[t | some sel in selectors(u); some t in admin_targets; grants(sel, t)],
	[s | some sel in selectors(u); some s in admin_subcommands(sel)],
)

# admin_grant is the broadest admin-level grant of the user; undefined when there is none.
admin_grant(u) := admin_grants(u)[0]

# health_commands are all a passwordless user may need: Redis lets anyone run AUTH and HELLO.
health_commands := {"+ping", "+cluster|info", "+auth", "+hello"}

# beyond_health is true when a selector allows more than health checks.
beyond_health(sel) if sel.allcommands

beyond_health(sel) if {
	some r in sel.command_rules
	startswith(r, "+")
	not r in health_commands
}

beyond_health(sel) if count(sel.keys) > 0

beyond_health(sel) if count(sel.channels) > 0

# full_power is +@all or +@admin.
full_power(u) if {
	some sel in selectors(u)
	some t in ["@all", "@admin"]
	grants(sel, t)
}

# intended_admins are users the configuration declares as deliberate administrators; the
# configuration is optional, so an absent list means none.
intended_admins := {n | some n in data.deploylint.config.admins.redis_users}

admin_like_names := {"admin", "administrator", "root", "superuser", "redis-admin", "redisadmin", "default"}

# is_admin_account: the user is meant to administer Redis (by name) or is the default user.
is_admin_account(u) if u.name in admin_like_names

is_admin_account(u) if contains(lower(u.name), "admin")

# known_sha256 maps the SHA-256 of every public password to how a message may name it: the
# shared defaults (shipped and weak), the exact placeholder words and the empty password a
# bare `>` sets. All of them are public, so naming them leaks nothing.
known_sha256 := object.union_n([
	{h: "one of the organisation's default passwords (.deploylint.hcl)" | some v in secrets.org_passwords; h := crypto.sha256(v)},
	{h: sprintf("%q", [v]) | some v in known_values; h := crypto.sha256(v)},
	{crypto.sha256(""): "the empty password"},
])

known_values := {v | some v in secrets.default_sha256; v != ""} | secrets.placeholder_words

# has_known_password is true when one of the user's final passwords is public.
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
