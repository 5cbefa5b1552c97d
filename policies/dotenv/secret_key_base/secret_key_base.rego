# METADATA
# title: SECRET_KEY_BASE is the shipped default
# description: |
#   Rails (cmd-tlm-api, script-runner-api) signs and encrypts sessions with SECRET_KEY_BASE.
#   COSMOS has shipped the same value in every release since 2022, so with it anyone can forge
#   session data. A value that is not 128 hexadecimal characters is ENV013's.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/ENV004.md
#     description: rule documentation
#   - ref: https://docs.openc3.com/docs/guides/security
#     description: COSMOS security guide, Rails Application Secret
# custom:
#   id: ENV004
#   severity: high
#   kinds: [dotenv]
#   remediation: >-
#     Generate a new key with openssl rand -hex 64 and set SECRET_KEY_BASE to it; every installation needs its own.
#   guide: 'COSMOS security guide: "Generate a unique SECRET_KEY_BASE for each installation."'
package deploylint.rules.dotenv.secret_key_base

import data.deploylint.lib.dotenv
import data.deploylint.lib.result

shipped := data.deploylint.data.defaults.cosmos.secret_key_base

deny contains result.at(["vars", i, "value"], msg) if {
	i := dotenv.by_name.SECRET_KEY_BASE
	v := input.data.vars[i]
	v.value == shipped
	msg := "SECRET_KEY_BASE is the value COSMOS ships in every release: generate a unique one with openssl rand -hex 64"
}
