package deploylint.rules.dcos.token_lifetime_test

import data.deploylint.rules.dcos.token_lifetime
import data.deploylint.test.dcos

test_lifetime if {
	count(token_lifetime.deny) == 1 with input as dcos.config({"bouncer_expiration_auth_token_days": 30})
	count(token_lifetime.deny) == 0 with input as dcos.config({"bouncer_expiration_auth_token_days": "5"})
}
