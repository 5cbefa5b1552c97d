# METADATA
# title: Secret file readable by others
# description: |
#   A file holding secrets (a users.acl, a PEM private key, a .env with a secret-named variable
#   set, a redis.conf with requirepass or masterauth, a DC/OS or FetchML configuration with
#   credentials, a file a compose file declares as a secret) grants its group or other users some access
#   (mode & 077 != 0): any local account, or any process running as another user, can read the
#   passwords. Modes mean something only on a deployed host, so this is checked by default
#   outside a git work tree and not inside one (git keeps no such modes); --check-permissions and
#   --no-check-permissions decide otherwise.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/FS001.md
#     description: rule documentation
#   - ref: https://docs.openc3.com/docs/guides/security
#     description: COSMOS security guide, Security Recommendations
# custom:
#   id: FS001
#   severity: medium
#   kinds: [dotenv, redis-acl, private-key, compose, redis-conf, dcos-config, fetchml-api]
#   remediation: >-
#     Run chmod 600 on the file (and chown it to the account that runs the service).
#   guide: 'COSMOS security guide: "Restrict file permissions on .env and users.acl: chmod 600 .env"'
package deploylint.rules.files.secret_file_mode

import data.deploylint.lib.result
import data.deploylint.lib.secrets

deny contains result.file(sprintf("%s has mode %s, readable by group or others: chmod 600 %s", [input.path, octal(input.file.mode), input.path])) if {
	input.kind != "compose"
	bits.and(input.file.mode, 63) != 0
	holds_secrets
}

# A compose file names its secret files (secrets: x: file: ./x.txt): those are reported on the
# compose file, whose secrets section names them.
deny contains result.key(["services"], sprintf("secret file %s (a compose secret) has mode %s, readable by group or others: chmod 600 %s", [rel, octal(mode), rel])) if {
	input.kind == "compose"
	some rel, mode in input.secret_files
	bits.and(mode, 63) != 0
}

# The kinds registry says which files are credentials (users.acl, a private key) and which hold
# secrets when a secret-named variable has a value (.env).
holds_secrets if data.deploylint.data.kinds[input.kind].secrets == "always"

# A redis.conf with requirepass, a DC/OS configuration with credentials: the parser found one.
holds_secrets if {
	data.deploylint.data.kinds[input.kind].secrets == "found"
	input.holds_secrets
}

holds_secrets if {
	data.deploylint.data.kinds[input.kind].secrets == "named"
	some v in input.data.vars
	v.value != ""
	secrets.is_secret_name(v.name)
}

octal(m) := sprintf("0%o", [m])
