package deploylint.lib.dcos_test

import data.deploylint.lib.dcos

# A key written as a YAML false is set (false), not absent.
test_absent if {
	dcos.absent("security") with input as {"data": {}}
	dcos.absent("security") with input as {"data": {"security": null}}
	not dcos.absent("exhibitor_tls_required") with input as {"data": {"exhibitor_tls_required": false}}
	not dcos.absent("exhibitor_tls_required") with input as {"data": {"exhibitor_tls_required": "false"}}
}
