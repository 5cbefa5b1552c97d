# METADATA
# title: Placeholder customer key
# description: |
#   customer_key still holds the installer template's placeholder CUSTOMER KEY NOT SET.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/DCOS010.md
#     description: rule documentation
#   - ref: https://docs.d2iq.com/mesosphere/dcos/2.2/installing/production/advanced-configuration/configuration-reference/
#     description: DC/OS installer configuration reference
# custom:
#   id: DCOS010
#   severity: info
#   kinds: [dcos-config]
#   remediation: >-
#     Put the customer key from your license in customer_key.
#   guide: 'DC/OS Enterprise installation: customer_key'
package deploylint.rules.dcos.customer_key

import data.deploylint.lib.dcos
import data.deploylint.lib.result

deny contains result.at(["customer_key"], "customer_key is the template placeholder CUSTOMER KEY NOT SET") if {
	dcos.cfg.customer_key == data.deploylint.data.defaults.dcos.customer_key_placeholder
}
