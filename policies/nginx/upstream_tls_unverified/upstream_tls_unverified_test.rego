package deploylint.rules.nginx.upstream_tls_unverified_test

import data.deploylint.rules.nginx.upstream_tls_unverified
import data.deploylint.test.nginx

# proxy_pass is a proxy_pass to upstream under parent, with the proxy_ssl_verify in force
# (an index, or null) as the parser resolves it.
proxy_pass(upstream, parent, verify) := object.union(
	nginx.directive("proxy_pass", [upstream], parent),
	{"proxy_ssl_verify": verify},
)

test_https_upstream_unverified if {
	dirs := [nginx.directive("location", ["/"], -1), proxy_pass("https://backend", 0, null)]
	count(upstream_tls_unverified.deny) == 1 with input as nginx.conf(dirs, [])
}

test_verify_off_in_force if {
	dirs := [
		nginx.directive("server", [], -1),
		nginx.directive("proxy_ssl_verify", ["on"], 0),
		nginx.directive("location", ["/"], 0),
		nginx.directive("proxy_ssl_verify", ["off"], 2),
		proxy_pass("https://b", 2, 3),
	]
	count(upstream_tls_unverified.deny) == 1 with input as nginx.conf(dirs, [])
}

test_verified_or_http_passes if {
	verified := [
		nginx.directive("server", [], -1),
		nginx.directive("proxy_ssl_verify", ["on"], 0),
		nginx.directive("location", ["/"], 0),
		proxy_pass("https://b", 2, 1),
	]
	count(upstream_tls_unverified.deny) == 0 with input as nginx.conf(verified, [])
	count(upstream_tls_unverified.deny) == 0 with input as nginx.conf([proxy_pass("http://b", -1, null)], [])
}
