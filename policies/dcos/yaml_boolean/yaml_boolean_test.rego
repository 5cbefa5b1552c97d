package deploylint.rules.dcos.yaml_boolean_test

import data.deploylint.rules.dcos.yaml_boolean

cfg(d) := {"kind": "x", "data": d}

test_yaml_boolean if {
	r := yaml_boolean.deny with input as cfg({"oauth_enabled": false, "exhibitor_tls_required": "true"})
	count(r) == 1
}
