package deploylint.rules.dcos.tls_versions_test

import data.deploylint.rules.dcos.tls_versions
import data.deploylint.test.dcos

test_only_old_versions_is_high if {
	r := tls_versions.deny with input as dcos.config({"adminrouter_tls_1_0_enabled": "true", "adminrouter_tls_1_2_enabled": "false"})
	{x.severity | some x in r} == {"high"}
}

test_old_beside_new_is_medium if {
	r := tls_versions.deny with input as dcos.config({"adminrouter_tls_1_1_enabled": "true"})
	{x.severity | some x in r} == {"medium"}
}

test_disabled_passes if {
	count(tls_versions.deny) == 0 with input as dcos.config({"adminrouter_tls_1_0_enabled": "false"})
}
