# METADATA
# title: Secret file committed
# description: |
#   In a git work tree, a file that git tracks and that holds real secrets (a .env with a
#   secret-named variable whose value is not a placeholder; a users.acl with a password; a
#   private key; a redis.conf with requirepass or masterauth, a DC/OS or FetchML configuration
#   with credentials) is in the repository's history for everyone with access to it, forks and CI caches included.
#   An .env that no .gitignore (nor .git/info/exclude) covers is one git add away from the same.
#   Ignore rules are read as git reads them, at every level; git itself is never run.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/FS002.md
#     description: rule documentation
#   - ref: https://git-scm.com/docs/gitignore
#     description: gitignore
# custom:
#   id: FS002
#   severity: high
#   kinds: [dotenv, redis-acl, private-key, redis-conf, dcos-config, fetchml-api]
#   remediation: >-
#     Remove the file from the index (git rm --cached FILE), add it to .gitignore, rotate every secret it held (history keeps the old values), and commit an example file with placeholders instead.
#   guide: 'FetchML security guide: ".env file (gitignored)" and "Never commit passwords/keys to git"'
package deploylint.rules.files.committed_secret

import data.deploylint.lib.result
import data.deploylint.lib.secrets

holds_secrets if {
	input.kind == "redis-acl"
	some u in input.data.users
	count(u.passwords) > 0
}

holds_secrets if input.kind == "private-key"

# A redis.conf with requirepass, a DC/OS or FetchML configuration with credentials.
holds_secrets if {
	data.deploylint.data.kinds[input.kind].secrets == "found"
	input.holds_secrets
}

holds_secrets if {
	input.kind == "dotenv"
	some v in input.data.vars
	secrets.is_secret_name(v.name)
	v.value != ""
	not secrets.is_placeholder(v.value)
}

deny contains result.file(sprintf("%s is tracked by git and holds secrets: remove it from the repository and rotate them", [input.path])) if {
	input.git.tracked
	holds_secrets
}

deny contains result.file(sprintf("%s is not covered by .gitignore: add it before it gets committed", [input.path])) if {
	input.kind == "dotenv"
	not input.git.tracked
	input.git.ignored == false
	holds_secrets
}
