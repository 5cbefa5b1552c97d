package deploylint.rules.nginx.client_cert_unverified_test

import data.deploylint.rules.nginx.client_cert_unverified
import data.deploylint.test.nginx

# mtls is a server whose ssl_client_certificate and ssl_verify_client are directives 0 and 1.
mtls := nginx.server({"ssl_client_certificate": 0, "ssl_verify_client": 1})

ca := nginx.directive("ssl_client_certificate", ["/ca.pem"], -1)

test_ca_without_verification if {
	optional := nginx.directive("ssl_verify_client", ["optional"], -1)
	r := client_cert_unverified.deny with input as nginx.conf([ca, optional], [mtls])
	count(r) == 1
}

test_verified_passes if {
	on := nginx.directive("ssl_verify_client", ["on"], -1)
	count(client_cert_unverified.deny) == 0 with input as nginx.conf([ca, on], [mtls])
}
