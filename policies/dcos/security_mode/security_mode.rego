# METADATA
# title: Security disabled
# description: |
#   security: disabled turns off DC/OS Enterprise authorization checks. Permissive mode, or no security key on Enterprise (the default is permissive), is DCOS012's.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/DCOS001.md
#     description: rule documentation
#   - ref: https://docs.d2iq.com/mesosphere/dcos/2.2/installing/production/advanced-configuration/configuration-reference/
#     description: DC/OS installer configuration reference
# custom:
#   id: DCOS001
#   severity: high
#   kinds: [dcos-config]
#   remediation: >-
#     Set security: strict (after testing services in permissive mode).
#   guide: 'DC/OS Enterprise security guide: "Strict mode provides the most robust security posture"'
package deploylint.rules.dcos.security_mode

import data.deploylint.lib.dcos
import data.deploylint.lib.result

deny contains result.at(["security"], "security is disabled: DC/OS Enterprise enforces no authorization; set security: strict") if lower(dcos.cfg.security) == "disabled"
