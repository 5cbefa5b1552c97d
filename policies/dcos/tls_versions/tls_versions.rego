# METADATA
# title: TLS 1.0/1.1 enabled on Admin Router
# description: |
#   adminrouter_tls_1_0_enabled or adminrouter_tls_1_1_enabled is 'true': Admin Router accepts protocols deprecated by RFC 8996 beside TLS 1.2. With adminrouter_tls_1_2_enabled 'false' as well, only the old protocols remain: DCOS013's.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/DCOS003.md
#     description: rule documentation
#   - ref: https://docs.d2iq.com/mesosphere/dcos/2.2/installing/production/advanced-configuration/configuration-reference/
#     description: DC/OS installer configuration reference
# custom:
#   id: DCOS003
#   severity: medium
#   kinds: [dcos-config]
#   remediation: >-
#     Set adminrouter_tls_1_0_enabled and adminrouter_tls_1_1_enabled to 'false' and keep adminrouter_tls_1_2_enabled 'true'.
#   guide: 'DC/OS Enterprise security guide: Admin Router can "accept TLS 1.0, 1.1 … configurable"'
package deploylint.rules.dcos.tls_versions

import data.deploylint.lib.dcos
import data.deploylint.lib.result

deny contains result.at([k], dcos.old_tls_msg(k)) if {
	some k in dcos.old_tls_enabled
	not dcos.tls12_off
}
