package deploylint.rules.dcos.zk_weak_credentials_test

import data.deploylint.rules.dcos.zk_weak_credentials
import data.deploylint.test.dcos

test_weak_values if {
	r := zk_weak_credentials.deny with input as dcos.config({"security": "strict", "zk_super_credentials": "super:secret", "zk_master_credentials": "m:short", "zk_agent_credentials": "agent:Vd8tq2Lw9Zr4Xk1pQ"})
	{x.path | some x in r} == {["zk_master_credentials"]}
	count(zk_weak_credentials.deny) == 1 with input as dcos.config({"zk_agent_credentials": "no-colon-Vd8tq2Lw9Zr4Xk1pQ"})
}

test_missing_values_are_left_out if {
	count(zk_weak_credentials.deny) == 0 with input as dcos.config({"security": "strict"})
}
