# METADATA
# title: .env and users.acl disagree
# description: |
#   COSMOS connects to Redis with OPENC3_REDIS_USERNAME / OPENC3_REDIS_PASSWORD (and the
#   script-runner pair) from the .env of the same deployment. When no password of that user in
#   users.acl matches, the services cannot authenticate and COSMOS does not come up; usually one
#   file was changed and the other forgotten. Only variables present in .env are compared, and
#   a nopass user accepts any password. When the file has no user of that name the finding is
#   on the file as a whole (there is no line to point at).
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/ACL008.md
#     description: rule documentation
#   - ref: https://docs.openc3.com/docs/guides/security
#     description: COSMOS security guide, Relationship Between .env and users.acl
# custom:
#   id: ACL008
#   severity: medium
#   kinds: [redis-acl]
#   remediation: >-
#     Set the same password in both places: the cleartext in .env, its SHA-256 (printf '%s' 'password' | sha256sum) as #<hash> for the user in users.acl.
#   guide: 'COSMOS security guide: "The passwords in .env must match the passwords in users.acl"'
package deploylint.rules.redisacl.env_mismatch

import data.deploylint.lib.redisacl
import data.deploylint.lib.result

pairs := data.deploylint.data.defaults.cosmos.redis_users

env := object.get(input, ["stack", "env"], {})

deny contains result.related(result.key(["users", i], msg), [origin(var, pw)]) if {
	some var, pair in pairs
	pw := env[var]
	name := username(pair)
	some i in redisacl.users_named(name)
	u := input.data.users[i]
	not u.nopass
	not crypto.sha256(pw.value) in {p.sha256 | some p in u.passwords}
	msg := sprintf("no password of user %s matches %s in %s (line %d): COSMOS will fail to authenticate; set the same password in both files", [name, var, pw.path, pw.line])
}

deny contains result.related(result.file(msg), [origin(var, pw)]) if {
	some var, pair in pairs
	pw := env[var]
	name := username(pair)
	count(redisacl.users_named(name)) == 0
	msg := sprintf("%s in %s (line %d) is for Redis user %s, which this file does not define: COSMOS will fail to authenticate", [var, pw.path, pw.line, name])
}

# origin is the .env line the password comes from, as the stack records it.
origin(var, pw) := {"path": pw.path, "line": pw.line, "msg": sprintf("%s is set here", [var])}

username(pair) := env[pair.username_var].value

username(pair) := pair.username if not env[pair.username_var]
