# METADATA
# title: Application user broader than it needs
# description: |
#   An enabled application account (not an administrator by name, not the default user) can
#   run every command, the admin or dangerous ones, or ACL, CONFIG, MODULE or DEBUG: a
#   compromised service can then flush or reconfigure Redis. COSMOS's openc3 user is limited to
#   @read @write @pubsub @connection @transaction and INFO for this reason. The scriptrunner
#   user (OPENC3_SR_REDIS_USERNAME when .env renames it), whose credentials every user script
#   receives, must also stay inside its own keys and channels: allkeys, ~*, allchannels or &*,
#   in its own rules or in a (…) selector, defeat that.
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
	some i in input.data.granting_admin
	u := input.data.users[i]
	not u.admin_account
	u.enabled
	not u.nopass
	not u.name in redisacl.intended_admins
	grant := redisacl.admin_grant(u)
	msg := sprintf("application user %s may run %s: grant only the command categories it uses", [u.name, grant])
}

deny contains result.at(["users", i, "tokens", tok], msg) if {
	some i in redisacl.users_named(redisacl.script_user)
	u := input.data.users[i]
	u.enabled
	some [tok, what] in wide_patterns(u)
	msg := sprintf("user %s is handed to every user script yet has %s: list only its own patterns after resetkeys resetchannels", [u.name, what])
}

# wide_patterns are the key and channel patterns, in any selector, that match everything
# (allkeys and allchannels are stored as the pattern *). Only the script user's are asked for.
wide_patterns(u) := {[k.token, "every key"] |
	some sel in redisacl.selectors(u)
	some k in sel.keys
	k.pattern == "*"
} | {[c.token, "every channel"] |
	some sel in redisacl.selectors(u)
	some c in sel.channels
	c.pattern == "*"
}
