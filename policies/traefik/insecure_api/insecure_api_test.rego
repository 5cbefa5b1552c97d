package deploylint.rules.traefik.insecure_api_test

import data.deploylint.rules.traefik.insecure_api

test_insecure if {
	r := insecure_api.deny with input as {"kind": "traefik", "data": {"api": {"dashboard": true, "insecure": true}}}
	some x in r
	x.path == ["api", "insecure"]
}

test_secure_or_absent_passes if {
	count(insecure_api.deny) == 0 with input as {"kind": "traefik", "data": {"api": {"dashboard": true, "insecure": false}}}
	count(insecure_api.deny) == 0 with input as {"kind": "traefik", "data": {}}
	count(insecure_api.deny) == 0 with input as {"kind": "traefik", "data": {"api": {"insecure": "true"}}}
}
