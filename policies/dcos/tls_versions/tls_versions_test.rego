package deploylint.rules.dcos.tls_versions_test

import data.deploylint.rules.dcos.tls_versions
import data.deploylint.test.dcos

# With TLS 1.2 off too it is DCOS013's.
test_only_old_versions_is_left_out if {
	count(tls_versions.deny) == 0 with input as dcos.config({"adminrouter_tls_1_0_enabled": "true", "adminrouter_tls_1_2_enabled": "false"})
}

test_old_beside_new if {
	r := tls_versions.deny with input as dcos.config({"adminrouter_tls_1_1_enabled": "true"})
	{x.path | some x in r} == {["adminrouter_tls_1_1_enabled"]}
}

test_disabled_passes if {
	count(tls_versions.deny) == 0 with input as dcos.config({"adminrouter_tls_1_0_enabled": "false"})
}
