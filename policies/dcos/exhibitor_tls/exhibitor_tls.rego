# METADATA
# title: Exhibitor without TLS
# description: |
#   On Enterprise, exhibitor_tls_required absent or 'false' lets Exhibitor (which manages ZooKeeper) fall back to plain HTTP when its certificates cannot be set up.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/DCOS009.md
#     description: rule documentation
#   - ref: https://docs.d2iq.com/mesosphere/dcos/2.2/installing/production/advanced-configuration/configuration-reference/
#     description: DC/OS installer configuration reference
# custom:
#   id: DCOS009
#   severity: medium
#   kinds: [dcos-config]
#   remediation: >-
#     Set exhibitor_tls_required: 'true'.
#   guide: 'DC/OS Enterprise security guide: "Secure and protect the internal cluster communication" (Exhibitor, which runs ZooKeeper, over TLS)'
package deploylint.rules.dcos.exhibitor_tls

import data.deploylint.lib.dcos
import data.deploylint.lib.result

deny contains result.file("exhibitor_tls_required is not set on this Enterprise configuration: add exhibitor_tls_required: 'true'") if {
	dcos.enterprise
	dcos.absent("exhibitor_tls_required")
}

deny contains result.at(["exhibitor_tls_required"], "exhibitor_tls_required is false: Exhibitor may run without TLS; set it to 'true'") if dcos.bool("exhibitor_tls_required") == false
