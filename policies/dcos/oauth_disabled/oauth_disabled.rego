# METADATA
# title: Authentication turned off (open source)
# description: |
#   oauth_enabled: 'false' on open-source DC/OS removes the login in front of the UI and the APIs: anyone who reaches Admin Router controls the cluster. (Enterprise uses its own IAM; the key does not apply there.)
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/DCOS002.md
#     description: rule documentation
#   - ref: https://docs.d2iq.com/mesosphere/dcos/2.2/installing/production/advanced-configuration/configuration-reference/
#     description: DC/OS installer configuration reference
# custom:
#   id: DCOS002
#   severity: critical
#   kinds: [dcos-config]
#   remediation: >-
#     Remove oauth_enabled (it defaults to 'true') or set it to 'true'.
#   guide: 'DC/OS security guide: "Authentication opt-out"'
package deploylint.rules.dcos.oauth_disabled

import data.deploylint.lib.dcos
import data.deploylint.lib.result

deny contains result.at(["oauth_enabled"], "oauth_enabled is false: DC/OS accepts every request without login; remove it or set it to 'true'") if {
	not dcos.enterprise
	dcos.bool("oauth_enabled") == false
}
