package deploylint.rules.dcos.exhibitor_tls_test

import data.deploylint.rules.dcos.exhibitor_tls
import data.deploylint.test.dcos

test_exhibitor if {
	count(exhibitor_tls.deny) == 1 with input as dcos.config({"security": "strict"})
	count(exhibitor_tls.deny) == 1 with input as dcos.config({"exhibitor_tls_required": "false"})
	count(exhibitor_tls.deny) == 0 with input as dcos.config({"security": "strict", "exhibitor_tls_required": "true"})
}

# A YAML false is one finding at the key, not also "not set".
test_yaml_false_is_set if {
	r := exhibitor_tls.deny with input as dcos.config({"security": "strict", "exhibitor_tls_required": false})
	{x.path | some x in r} == {["exhibitor_tls_required"]}
}
