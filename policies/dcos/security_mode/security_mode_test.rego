package deploylint.rules.dcos.security_mode_test

import data.deploylint.rules.dcos.security_mode
import data.deploylint.test.dcos

test_modes if {
	count(security_mode.deny) == 1 with input as dcos.config({"security": "permissive"})
	count(security_mode.deny) == 1 with input as dcos.config({"superuser_username": "admin"})
	count(security_mode.deny) == 0 with input as dcos.config({"security": "strict"})
	count(security_mode.deny) == 0 with input as dcos.config({"master_discovery": "static"})
	r := security_mode.deny with input as dcos.config({"security": "disabled"})
	some x in r
	not x.severity
}
