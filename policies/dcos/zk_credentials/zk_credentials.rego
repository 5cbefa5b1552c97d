# METADATA
# title: ZooKeeper credentials default or missing
# description: |
#   On Enterprise, each of zk_super_credentials, zk_master_credentials and zk_agent_credentials must be set: missing ones fall back to the same public defaults on every cluster (super:secret, dcos-master:secret1, dcos-agent:secret2), which give full access to ZooKeeper and so to the cluster state. A value not of the form uid:password, or a password shorter than 16 characters, is DCOS011's.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/DCOS006.md
#     description: rule documentation
#   - ref: https://docs.d2iq.com/mesosphere/dcos/2.2/installing/production/advanced-configuration/configuration-reference/
#     description: DC/OS installer configuration reference
# custom:
#   id: DCOS006
#   severity: critical
#   kinds: [dcos-config]
#   remediation: >-
#     Set all three to uid:<random password of 16+ characters> before installing.
#   guide: 'DC/OS Enterprise security guide: "Each cluster will use the same default ZooKeeper credentials"'
package deploylint.rules.dcos.zk_credentials

import data.deploylint.lib.dcos
import data.deploylint.lib.result

zk := data.deploylint.data.defaults.dcos.zk_credentials

deny contains result.file(msg) if {
	dcos.enterprise
	some k, v in zk
	dcos.absent(k)
	msg := sprintf("%s is not set, so this cluster uses the public default %q: set a unique uid:password", [k, v])
}

deny contains result.at([k], sprintf("%s is the public default %q: set a unique uid:password", [k, v])) if {
	some k, v in zk
	dcos.cfg[k] == v
}
