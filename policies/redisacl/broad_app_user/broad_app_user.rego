# METADATA
# title: Application user broader than it needs
# description: |
#   An enabled application account (not an administrator by name, not the default user) can
#   run every command or the admin or dangerous ones: a compromised service can then flush or
#   reconfigure Redis. COSMOS's openc3 user is limited to @read @write @pubsub @connection
#   @transaction and INFO for this reason. The scriptrunner user, whose credentials every user
#   script receives, must also stay inside its own keys and channels: allkeys, ~*, allchannels
#   or &* defeat that.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/ACL006.md
#     description: rule documentation
#   - ref: https://docs.openc3.com/docs/guides/security
#     description: COSMOS security guide, User Permissions
# custom:
#   id: ACL006
#   severity: medium
#   kinds: [redis-acl]
#   remediation: >-
#     Grant only the categories the service uses (for COSMOS, -@all +@read +@write +@pubsub +@connection +@transaction +info), and for scriptrunner only its key and channel patterns after resetkeys resetchannels.
#   guide: 'COSMOS security guide: "This prevents user scripts from accessing or destroying other COSMOS data."'
package deploylint.rules.redisacl.broad_app_user

import data.deploylint.lib.redisacl
import data.deploylint.lib.result

deny contains result.key(["users", i], msg) if {
	some i, u in input.data.users
	u.enabled
	not u.nopass
	not redisacl.is_admin_account(u)
	not u.name in redisacl.intended_admins
	granted := [t | some t in ["@all", "@admin", "@dangerous"]; some sel in redisacl.selectors(u); redisacl.grants(sel, t)]
	count(granted) > 0
	msg := sprintf("application user %s may run %s: grant only the command categories it uses", [u.name, granted[0]])
}

deny contains result.at(["users", i, "tokens", tok], msg) if {
	some i, u in input.data.users
	u.name == "scriptrunner"
	u.enabled
	some [tok, what] in wide_patterns(u)
	msg := sprintf("user scriptrunner is handed to every user script yet has %s: list only its own patterns after resetkeys resetchannels", [what])
}

wide_patterns(u) := {[k.token, "every key"] | some k in u.root.keys; k.pattern == "*"} | {[c.token, "every channel"] | some c in u.root.channels; c.pattern == "*"}
