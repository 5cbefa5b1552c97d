package deploylint.rules.dcos.tls_legacy_only_test

import data.deploylint.rules.dcos.tls_legacy_only
import data.deploylint.test.dcos

test_only_old_versions if {
	r := tls_legacy_only.deny with input as dcos.config({"adminrouter_tls_1_0_enabled": "true", "adminrouter_tls_1_2_enabled": "false"})
	{x.path | some x in r} == {["adminrouter_tls_1_0_enabled"]}
}

test_old_beside_new_is_left_out if {
	count(tls_legacy_only.deny) == 0 with input as dcos.config({"adminrouter_tls_1_1_enabled": "true"})
	count(tls_legacy_only.deny) == 0 with input as dcos.config({"adminrouter_tls_1_2_enabled": "false"})
}
