# METADATA
# title: TLS 1.0/1.1 enabled on Admin Router
# description: |
#   adminrouter_tls_1_0_enabled or adminrouter_tls_1_1_enabled is 'true': Admin Router accepts protocols deprecated by RFC 8996. With adminrouter_tls_1_2_enabled 'false' as well, only the old protocols remain (high).
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

deny contains result.severity(result.at([k], sprintf("%s enables a deprecated TLS version on Admin Router: set it to 'false'", [k])), severity) if {
	some k in ["adminrouter_tls_1_0_enabled", "adminrouter_tls_1_1_enabled"]
	dcos.bool(k) == true
}

tls12_off if dcos.bool("adminrouter_tls_1_2_enabled") == false

severity := "high" if tls12_off

severity := "medium" if not tls12_off
