# METADATA
# title: Admin user enabled
# description: |
#   An enabled administrator account (named admin, root, …, or the default user) can run
#   ACL, CONFIG, MODULE or DEBUG (through +@admin, +@all, +@dangerous, the commands themselves
#   or subcommands such as config|set): whoever has its password can rewrite users, load
#   modules and read every key. COSMOS ships such a user only for occasional management. When
#   its password is also in cleartext or a known default it is ACL012's (high). Users named in the
#   configuration's admins.redis_users are deliberate and not reported; passwordless users are
#   ACL003/ACL004's, and application accounts with the same rights are ACL006's.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/ACL005.md
#     description: rule documentation
#   - ref: https://docs.openc3.com/docs/guides/security
#     description: COSMOS security guide, Security Recommendations
# custom:
#   id: ACL005
#   severity: medium
#   kinds: [redis-acl]
#   remediation: >-
#     Turn the user off ("user admin off #<hash> +@admin") or remove the line when nobody administers Redis through it; otherwise give it a unique hashed password and declare it in .deploylint.hcl (admins { redis_users = ["admin"] }).
#   guide: 'COSMOS security guide: "Disable or secure the Redis admin user if not needed"'
package deploylint.rules.redisacl.admin_user

import data.deploylint.lib.redisacl
import data.deploylint.lib.result

deny contains result.key(["users", i], redisacl.admin_msg(u)) if {
	some i in redisacl.unintended_admins
	u := input.data.users[i]
	not redisacl.weak_password(u)
}
