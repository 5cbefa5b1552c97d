package deploylint.rules.fetchml.audit_logging_test

import data.deploylint.rules.fetchml.audit_logging
import data.deploylint.test.fetchml

test_audit if {
	count(audit_logging.deny) == 1 with input as fetchml.config({})
	count(audit_logging.deny) == 1 with input as fetchml.config({"logging": {"audit": false}})
	count(audit_logging.deny) == 0 with input as fetchml.config({"logging": {"audit": true}})
}
