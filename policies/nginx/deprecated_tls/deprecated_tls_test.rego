package deploylint.rules.nginx.deprecated_tls_test

import data.deploylint.rules.nginx.deprecated_tls
import data.deploylint.test.nginx

test_tls1_reported_sslv3_left_out if {
	dirs := [
		nginx.directive("ssl_protocols", ["SSLv3", "TLSv1.2"], -1),
		nginx.directive("proxy_ssl_protocols", ["TLSv1", "TLSv1.1", "TLSv1.2"], -1),
	]
	r := deprecated_tls.deny with input as nginx.conf(dirs, [])
	{x.path | some x in r} == {["directives", 1]}
	some x in r
	contains(x.msg, "TLSv1, TLSv1.1")
}

test_modern_passes if {
	count(deprecated_tls.deny) == 0 with input as nginx.conf([nginx.directive("ssl_protocols", ["TLSv1.2", "TLSv1.3"], -1)], [])
}
