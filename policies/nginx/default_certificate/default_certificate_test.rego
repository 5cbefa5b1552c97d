package deploylint.rules.nginx.default_certificate_test

import data.deploylint.rules.nginx.default_certificate
import data.deploylint.test.nginx

tls_listen := nginx.listen(1, true, false)

test_snakeoil_and_missing if {
	snakeoil := nginx.directive("ssl_certificate", ["includes/snakeoil.crt"], -1)
	r := default_certificate.deny with input as nginx.conf([snakeoil], [nginx.server({"listens": [tls_listen]})])
	count(r) == 2
}

test_real_certificate_passes if {
	real := nginx.directive("ssl_certificate", ["/etc/letsencrypt/live/example.org/fullchain.pem"], -1)
	s := nginx.server({"listens": [tls_listen], "ssl_certificate": 0})
	count(default_certificate.deny) == 0 with input as nginx.conf([real], [s])
}
