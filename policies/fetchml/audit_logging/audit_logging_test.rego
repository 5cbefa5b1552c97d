package deploylint.rules.fetchml.audit_logging_test

import data.deploylint.rules.fetchml.audit_logging

cfg(d) := {"kind": "x", "data": d}

test_audit if {
	count(audit_logging.deny) == 1 with input as cfg({})
	count(audit_logging.deny) == 1 with input as cfg({"logging": {"audit": false}})
	count(audit_logging.deny) == 0 with input as cfg({"logging": {"audit": true}})
}
