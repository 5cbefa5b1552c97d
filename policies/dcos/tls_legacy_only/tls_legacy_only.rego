# METADATA
# title: Admin Router offers only deprecated TLS versions
# description: |
#   adminrouter_tls_1_0_enabled or adminrouter_tls_1_1_enabled is 'true' while
#   adminrouter_tls_1_2_enabled is 'false': Admin Router accepts only protocols deprecated by
#   RFC 8996. Split from DCOS003 (medium), which reports the old versions offered beside TLS
#   1.2.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/DCOS013.md
#     description: rule documentation
#   - ref: https://docs.d2iq.com/mesosphere/dcos/2.2/installing/production/advanced-configuration/configuration-reference/
#     description: DC/OS installer configuration reference
# custom:
#   id: DCOS013
#   severity: high
#   kinds: [dcos-config]
#   split_from: DCOS003
#   remediation: >-
#     Set adminrouter_tls_1_2_enabled: 'true' and adminrouter_tls_1_0_enabled / adminrouter_tls_1_1_enabled: 'false'.
#   guide: 'DC/OS Enterprise security guide: Admin Router can "accept TLS 1.0, 1.1 … configurable"'
package deploylint.rules.dcos.tls_legacy_only

import data.deploylint.lib.dcos
import data.deploylint.lib.result

deny contains result.at([k], dcos.old_tls_msg(k)) if {
	some k in dcos.old_tls_enabled
	dcos.tls12_off
}
