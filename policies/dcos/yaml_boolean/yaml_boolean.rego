# METADATA
# title: DC/OS boolean written as a YAML boolean
# description: |
#   DC/OS documents its boolean options as the strings 'true' and 'false'. A YAML boolean (true) is read by this check the same way, but tools that template or diff the file may not, so write the documented form.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/DCOS000.md
#     description: rule documentation
#   - ref: https://docs.d2iq.com/mesosphere/dcos/2.2/installing/production/advanced-configuration/configuration-reference/
#     description: DC/OS installer configuration reference
# custom:
#   id: DCOS000
#   severity: info
#   kinds: [dcos-config]
#   remediation: >-
#     Quote the value: 'true' or 'false'.
#   guide: 'DC/OS configuration reference: boolean options take the strings "true" and "false"'
package deploylint.rules.dcos.yaml_boolean

import data.deploylint.lib.dcos
import data.deploylint.lib.result

deny contains result.at([k], msg) if {
	some k in data.deploylint.data.defaults.dcos.boolean_keys
	is_boolean(dcos.cfg[k])
	msg := sprintf("%s is a YAML boolean; DC/OS documents the string form %s", [k, concat("", ["'", format_bool(dcos.cfg[k]), "'"])])
}

format_bool(true) := "true"

format_bool(false) := "false"
