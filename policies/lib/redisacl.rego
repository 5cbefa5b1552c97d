# METADATA
# title: Redis ACL helpers
# description: |
#   Questions about a user's final state (computed left to right by the parser) that several
#   ACL rules ask. Command rules keep only the last rule for each command or category, so a
#   rule's presence decides; without one the selector's base (+@all or -@all) does.
package deploylint.lib.redisacl

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

# admin_grant is the first admin-level command or category the user may run, if any.
admin_grant(u) := [t | some sel in selectors(u); some t in admin_targets; grants(sel, t)][0]

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

# intended_admins are users the configuration declares as deliberate administrators.
intended_admins := {n | some n in data.deploylint.config.admins.redis_users}

admin_like_names := {"admin", "administrator", "root", "superuser", "redis-admin", "redisadmin", "default"}

# is_admin_account: the user is meant to administer Redis (by name) or is the default user.
is_admin_account(u) if u.name in admin_like_names

is_admin_account(u) if contains(lower(u.name), "admin")
