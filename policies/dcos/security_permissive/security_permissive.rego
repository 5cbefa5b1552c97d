# METADATA
# title: Security mode permissive
# description: |
#   security: permissive, or no security key on an Enterprise configuration (the default is
#   permissive), lets services talk without TLS and tolerates unauthenticated requests. Split
#   from DCOS001 (high), which reports security: disabled.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/DCOS012.md
#     description: rule documentation
#   - ref: https://docs.d2iq.com/mesosphere/dcos/2.2/installing/production/advanced-configuration/configuration-reference/
#     description: DC/OS installer configuration reference
# custom:
#   id: DCOS012
#   severity: medium
#   kinds: [dcos-config]
#   split_from: DCOS001
#   remediation: >-
#     Set security: strict (after testing services in permissive mode).
#   guide: 'DC/OS Enterprise security guide: "Strict mode provides the most robust security posture"'
package deploylint.rules.dcos.security_permissive

import data.deploylint.lib.dcos
import data.deploylint.lib.result

deny contains result.at(["security"], "security is permissive: set security: strict") if lower(dcos.cfg.security) == "permissive"

deny contains result.file("no security key on this Enterprise configuration, so DC/OS runs permissive: add security: strict") if {
	dcos.enterprise
	dcos.absent("security")
}
