# METADATA
# title: Admin user enabled with a cleartext or default password
# description: |
#   An enabled administrator account (named admin, root, …, or the default user) that can run
#   ACL, CONFIG, MODULE or DEBUG has a password written in cleartext in the file or a public
#   default (ACL001's or ACL002's problem too): whoever reads the file, or knows the default,
#   can rewrite users, load modules and read every key. Split from ACL005 (medium), which
#   reports admin accounts whose password is not known. Users named in the configuration's
#   admins.redis_users are deliberate and not reported.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/ACL012.md
#     description: rule documentation
#   - ref: https://docs.openc3.com/docs/guides/security
#     description: COSMOS security guide, Security Recommendations
# custom:
#   id: ACL012
#   severity: high
#   kinds: [redis-acl]
#   split_from: ACL005
#   remediation: >-
#     Turn the user off or remove the line when nobody administers Redis through it; otherwise give it a unique random password, stored as #<hash>, and declare it in .deploylint.hcl (admins { redis_users = ["admin"] }).
#   guide: 'COSMOS security guide: "Disable or secure the Redis admin user if not needed"'
package deploylint.rules.redisacl.weak_admin_user

import data.deploylint.lib.redisacl
import data.deploylint.lib.result

deny contains result.key(["users", i], redisacl.admin_msg(u)) if {
	some i in redisacl.unintended_admins
	u := input.data.users[i]
	redisacl.weak_password(u)
}
