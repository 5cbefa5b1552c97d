package deploylint.rules.dcos.oauth_disabled_test

import data.deploylint.rules.dcos.oauth_disabled
import data.deploylint.test.dcos

test_oss_only if {
	count(oauth_disabled.deny) == 1 with input as dcos.config({"oauth_enabled": "false"})
	count(oauth_disabled.deny) == 1 with input as dcos.config({"oauth_enabled": false})
	count(oauth_disabled.deny) == 0 with input as dcos.config({"oauth_enabled": "false", "security": "strict"})
	count(oauth_disabled.deny) == 0 with input as dcos.config({"oauth_enabled": "true"})
}
