# METADATA
# title: Secret given as a literal
# description: |
#   A secret-named variable (…PASSWORD, …SECRET, …TOKEN, …) is written as a literal in the
#   compose file, so it is committed with the file and visible in docker inspect. Use ${VAR}
#   from a git-ignored .env, a *_FILE variant, or compose secrets. Values already reported as
#   defaults (CMP003) are not repeated here; empty values are not secrets.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/CMP006.md
#     description: rule documentation
#   - ref: https://docs.openc3.com/docs/guides/security
#     description: COSMOS security guide, Removing Cleartext Passwords from .env
# custom:
#   id: CMP006
#   severity: low
#   kinds: [compose]
#   remediation: >-
#     Replace the literal with ${VAR:?…} and keep the value in .env (git-ignored) or in the environment, or use VAR_FILE with compose secrets.
#   guide: 'FetchML security guide: "Never commit passwords/keys to git"; COSMOS security guide: "This prevents cleartext passwords from being stored on disk"'
package deploylint.rules.compose.literal_secret

import data.deploylint.lib.result
import data.deploylint.lib.secrets
import data.deploylint.rules.compose.default_credential

deny contains result.at(["services", name, "environment", var], msg) if {
	some name, svc in input.data.services
	some var, value in svc.environment
	is_string(value)
	value != ""
	svc.environment_origin[var] == "literal"
	secrets.is_secret_name(var)
	not endswith(upper(var), "_FILE")
	not secrets.is_switch(value)
	not default_credential.weak_vars[name][var]
	msg := sprintf("service %s sets %s as a literal in the compose file: reference it from .env or compose secrets", [name, var])
}
