package deploylint.rules.dcos.security_mode_test

import data.deploylint.rules.dcos.security_mode
import data.deploylint.test.dcos

test_modes if {
	r := security_mode.deny with input as dcos.config({"security": "disabled"})
	{x.path | some x in r} == {["security"]}
	count(security_mode.deny) == 0 with input as dcos.config({"security": "strict"})
}

# Permissive, said or implied, is DCOS012's.
test_permissive_is_left_out if {
	count(security_mode.deny) == 0 with input as dcos.config({"security": "permissive"})
	count(security_mode.deny) == 0 with input as dcos.config({"superuser_username": "admin"})
}
