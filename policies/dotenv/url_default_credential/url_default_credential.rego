# METADATA
# title: Connection URL embeds a default credential
# description: |
#   A redis://, postgres://, mongodb://, mysql:// or amqp:// URL carries user:password@ and the
#   password is a shipped default, a placeholder or a notoriously weak password. The variable
#   name does not matter: whatever reads the URL logs in with that password, and so can anyone
#   else. A URL with a strong password is not reported here.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/ENV007.md
#     description: rule documentation
#   - ref: https://docs.openc3.com/docs/guides/security
#     description: COSMOS security guide, Credentials
# custom:
#   id: ENV007
#   severity: high
#   kinds: [dotenv]
#   remediation: >-
#     Put a unique random password in the URL (percent-encoded), or better build the URL at run time from a secret that is not stored in the file.
#   guide: 'COSMOS security guide: "Change all default passwords before deploying COSMOS."'
package deploylint.rules.dotenv.url_default_credential

import data.deploylint.lib.dotenv
import data.deploylint.lib.result
import data.deploylint.lib.secrets

deny contains result.at(["vars", i, "value"], msg) if {
	some i in dotenv.effective_index
	v := input.data.vars[i]
	[scheme, password] := secrets.url_credential(v.value)
	secrets.is_known_default(password)
	msg := sprintf("%s is a %s URL whose password is a default, placeholder or well-known weak value: use a unique random password", [v.name, scheme])
}
