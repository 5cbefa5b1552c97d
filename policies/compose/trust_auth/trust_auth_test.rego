package deploylint.rules.compose.trust_auth_test

import data.deploylint.rules.compose.trust_auth
import data.deploylint.test.compose

test_trust if {
	db := compose.service("postgres", {"environment": {"POSTGRES_HOST_AUTH_METHOD": "Trust"}})
	r := trust_auth.deny with input as compose.stack({"db": db})
	some x in r
	x.path == ["services", "db", "environment", "POSTGRES_HOST_AUTH_METHOD"]
}

test_other_methods_pass if {
	db := compose.service("postgres", {"environment": {"POSTGRES_HOST_AUTH_METHOD": "scram-sha-256", "X": null}})
	count(trust_auth.deny) == 0 with input as compose.stack({"db": db})
}
