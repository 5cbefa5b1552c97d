package deploylint.rules.dcos.security_mode_test

import data.deploylint.rules.dcos.security_mode

cfg(d) := {"kind": "x", "data": d}

test_modes if {
	r := security_mode.deny with input as cfg({"security": "disabled"})
	some x in r
	not x.severity
	count(security_mode.deny) == 1 with input as cfg({"security": "permissive"})
	count(security_mode.deny) == 1 with input as cfg({"superuser_username": "admin"})
	count(security_mode.deny) == 0 with input as cfg({"security": "strict"})
	count(security_mode.deny) == 0 with input as cfg({"master_discovery": "static"})
}
