package deploylint.rules.dcos.cookie_secure_test

import data.deploylint.rules.dcos.cookie_secure

cfg(d) := {"kind": "x", "data": d}

test_cookie if {
	count(cookie_secure.deny) == 1 with input as cfg({"security": "strict"})
	count(cookie_secure.deny) == 1 with input as cfg({"security": "strict", "auth_cookie_secure_flag": "false"})
	count(cookie_secure.deny) == 0 with input as cfg({"security": "strict", "auth_cookie_secure_flag": "true"})
	count(cookie_secure.deny) == 0 with input as cfg({"master_discovery": "static"})
}
