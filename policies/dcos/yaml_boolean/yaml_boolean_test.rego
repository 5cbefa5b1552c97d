package deploylint.rules.dcos.yaml_boolean_test

import data.deploylint.rules.dcos.yaml_boolean
import data.deploylint.test.dcos

test_yaml_boolean if {
	r := yaml_boolean.deny with input as dcos.config({"oauth_enabled": false, "exhibitor_tls_required": "true"})
	count(r) == 1
}
