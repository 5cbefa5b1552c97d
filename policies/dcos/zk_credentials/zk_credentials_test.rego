package deploylint.rules.dcos.zk_credentials_test

import data.deploylint.rules.dcos.zk_credentials
import data.deploylint.test.dcos

# A weak but not default value is DCOS011's.
test_zk if {
	count(zk_credentials.deny) == 3 with input as dcos.config({"security": "strict"})
	r := zk_credentials.deny with input as dcos.config({"security": "strict", "zk_super_credentials": "super:secret", "zk_master_credentials": "m:short", "zk_agent_credentials": "agent:Vd8tq2Lw9Zr4Xk1pQ"})
	{x.path | some x in r} == {["zk_super_credentials"]}
}
