package deploylint.rules.dcos.exhibitor_tls_test

import data.deploylint.rules.dcos.exhibitor_tls

cfg(d) := {"kind": "x", "data": d}

test_exhibitor if {
	count(exhibitor_tls.deny) == 1 with input as cfg({"security": "strict"})
	count(exhibitor_tls.deny) == 1 with input as cfg({"exhibitor_tls_required": "false"})
	count(exhibitor_tls.deny) == 0 with input as cfg({"security": "strict", "exhibitor_tls_required": "true"})
}
