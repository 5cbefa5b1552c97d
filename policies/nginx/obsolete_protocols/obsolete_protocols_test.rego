package deploylint.rules.nginx.obsolete_protocols_test

import data.deploylint.rules.nginx.obsolete_protocols
import data.deploylint.test.nginx

# TLSv1 without SSL is NGX012's.
test_sslv3_reported_tls1_left_out if {
	dirs := [
		nginx.directive("ssl_protocols", ["SSLv3", "TLSv1.2"], -1),
		nginx.directive("proxy_ssl_protocols", ["TLSv1", "TLSv1.2"], -1),
	]
	r := obsolete_protocols.deny with input as nginx.conf(dirs, [])
	{x.path | some x in r} == {["directives", 0]}
}

test_modern_passes if {
	modern := nginx.directive("ssl_protocols", ["TLSv1.2", "TLSv1.3"], -1)
	count(obsolete_protocols.deny) == 0 with input as nginx.conf([modern], [])
}
