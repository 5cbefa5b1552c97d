# METADATA
# title: ZooKeeper credentials weak or malformed
# description: |
#   A zk_super_credentials, zk_master_credentials or zk_agent_credentials value that is not a
#   public default but is not of the form uid:password, or has a password shorter than 16
#   characters, is easy to guess. Split from DCOS006 (critical), which reports missing and
#   default credentials.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/DCOS011.md
#     description: rule documentation
#   - ref: https://docs.d2iq.com/mesosphere/dcos/2.2/installing/production/advanced-configuration/configuration-reference/
#     description: DC/OS installer configuration reference
# custom:
#   id: DCOS011
#   severity: medium
#   kinds: [dcos-config]
#   split_from: DCOS006
#   remediation: >-
#     Set each zk_*_credentials to a unique uid:password with a random password of 16 characters or more (openssl rand -base64 24).
#   guide: 'DC/OS Enterprise security guide: "Each cluster will use the same default ZooKeeper credentials"'
package deploylint.rules.dcos.zk_weak_credentials

import data.deploylint.lib.dcos
import data.deploylint.lib.result

deny contains result.at([k], sprintf("%s is not uid:password with a password of 16 characters or more", [k])) if {
	some k, v in data.deploylint.data.defaults.dcos.zk_credentials
	val := dcos.cfg[k]
	val != v
	not strong(val)
}

strong(val) if {
	parts := split(val, ":")
	count(parts) == 2
	parts[0] != ""
	count(parts[1]) >= 16
}
