package deploylint.rules.dcos.token_lifetime_test

import data.deploylint.rules.dcos.token_lifetime

cfg(d) := {"kind": "x", "data": d}

test_lifetime if {
	count(token_lifetime.deny) == 1 with input as cfg({"bouncer_expiration_auth_token_days": 30})
	count(token_lifetime.deny) == 0 with input as cfg({"bouncer_expiration_auth_token_days": "5"})
}
