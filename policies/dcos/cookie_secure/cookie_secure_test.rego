package deploylint.rules.dcos.cookie_secure_test

import data.deploylint.rules.dcos.cookie_secure
import data.deploylint.test.dcos

test_cookie if {
	count(cookie_secure.deny) == 1 with input as dcos.config({"security": "strict"})
	count(cookie_secure.deny) == 1 with input as dcos.config({"security": "strict", "auth_cookie_secure_flag": "false"})
	count(cookie_secure.deny) == 0 with input as dcos.config({"security": "strict", "auth_cookie_secure_flag": "true"})
	count(cookie_secure.deny) == 0 with input as dcos.config({"master_discovery": "static"})
}
