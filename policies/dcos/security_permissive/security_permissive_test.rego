package deploylint.rules.dcos.security_permissive_test

import data.deploylint.rules.dcos.security_permissive
import data.deploylint.test.dcos

test_permissive_said_or_implied if {
	r := security_permissive.deny with input as dcos.config({"security": "permissive"})
	{x.path | some x in r} == {["security"]}
	count(security_permissive.deny) == 1 with input as dcos.config({"superuser_username": "admin"})
}

test_strict_disabled_and_open_source_are_left_out if {
	count(security_permissive.deny) == 0 with input as dcos.config({"security": "strict"})
	count(security_permissive.deny) == 0 with input as dcos.config({"security": "disabled"})
	count(security_permissive.deny) == 0 with input as dcos.config({"master_discovery": "static"})
}
