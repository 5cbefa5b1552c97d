# METADATA
# title: Token lifetime longer than the default
# description: |
#   bouncer_expiration_auth_token_days above 5 keeps a stolen login token valid for longer than DC/OS's default of five days.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/DCOS007.md
#     description: rule documentation
#   - ref: https://docs.d2iq.com/mesosphere/dcos/2.2/installing/production/advanced-configuration/configuration-reference/
#     description: DC/OS installer configuration reference
# custom:
#   id: DCOS007
#   severity: low
#   kinds: [dcos-config]
#   remediation: >-
#     Leave bouncer_expiration_auth_token_days at 5 or lower.
#   guide: 'DC/OS Enterprise security guide: the token "expires five days after issuance"'
package deploylint.rules.dcos.token_lifetime

import data.deploylint.lib.dcos
import data.deploylint.lib.result

deny contains result.at(["bouncer_expiration_auth_token_days"], sprintf("tokens stay valid for %v days (default 5): shorten it", [dcos.cfg.bouncer_expiration_auth_token_days])) if {
	to_number(dcos.cfg.bouncer_expiration_auth_token_days) > 5
}
