# METADATA
# title: SECRET_KEY_BASE is not 128 hex characters
# description: |
#   Rails (cmd-tlm-api, script-runner-api) signs and encrypts sessions with SECRET_KEY_BASE. A
#   value that is not 128 hexadecimal characters is not what openssl rand -hex 64 produces and
#   is likely a hand-typed or truncated key. Split from ENV004 (high), which reports the value
#   COSMOS ships.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/ENV013.md
#     description: rule documentation
#   - ref: https://docs.openc3.com/docs/guides/security
#     description: COSMOS security guide, Rails Application Secret
# custom:
#   id: ENV013
#   severity: medium
#   kinds: [dotenv]
#   split_from: ENV004
#   remediation: >-
#     Generate a new key with openssl rand -hex 64 and set SECRET_KEY_BASE to it; every installation needs its own.
#   guide: 'COSMOS security guide: "Generate a unique SECRET_KEY_BASE for each installation."'
package deploylint.rules.dotenv.secret_key_base_format

import data.deploylint.lib.dotenv
import data.deploylint.lib.result

deny contains result.at(["vars", i, "value"], msg) if {
	i := dotenv.by_name.SECRET_KEY_BASE
	v := input.data.vars[i]
	v.value != data.deploylint.data.defaults.cosmos.secret_key_base
	not regex.match(`^[0-9a-fA-F]{128}$`, v.value)
	msg := sprintf("SECRET_KEY_BASE is not 128 hexadecimal characters (it has %d characters): generate one with openssl rand -hex 64", [count(v.value)])
}
