# METADATA
# title: Security mode not strict
# description: |
#   security: disabled turns off DC/OS Enterprise authorization checks (high); permissive, or no security key on Enterprise (the default is permissive), lets services talk without TLS and tolerates unauthenticated requests (medium).
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

deny contains result.severity(result.at(["security"], "security is permissive: set security: strict"), "medium") if lower(dcos.cfg.security) == "permissive"

deny contains result.severity(result.file("no security key on this Enterprise configuration, so DC/OS runs permissive: add security: strict"), "medium") if {
	dcos.enterprise
	dcos.absent("security")
}
