package deploylint.rules.nginx.upstream_tls_unverified_test

import data.deploylint.rules.nginx.upstream_tls_unverified
import data.deploylint.test.nginx

test_https_upstream_unverified if {
	dirs := [nginx.directive("location", ["/"], -1), nginx.directive("proxy_pass", ["https://backend"], 0)]
	count(upstream_tls_unverified.deny) == 1 with input as nginx.conf(dirs, [])
}

test_verified_or_http_passes if {
	verified := [
		nginx.directive("server", [], -1),
		nginx.directive("proxy_ssl_verify", ["on"], 0),
		nginx.directive("location", ["/"], 0),
		nginx.directive("proxy_pass", ["https://b"], 2),
	]
	count(upstream_tls_unverified.deny) == 0 with input as nginx.conf(verified, [])
	count(upstream_tls_unverified.deny) == 0 with input as nginx.conf([nginx.directive("proxy_pass", ["http://b"], -1)], [])
}
