package deploylint.rules.traefik.insecure_api_test

import data.deploylint.rules.traefik.insecure_api
import data.deploylint.test.traefik

test_insecure if {
	r := insecure_api.deny with input as traefik.config({"api": {"dashboard": true, "insecure": true}})
	some x in r
	x.path == ["api", "insecure"]
}

test_secure_or_absent_passes if {
	count(insecure_api.deny) == 0 with input as traefik.config({"api": {"dashboard": true, "insecure": false}})
	count(insecure_api.deny) == 0 with input as traefik.config({})
	count(insecure_api.deny) == 0 with input as traefik.config({"api": {"insecure": "true"}})
}
