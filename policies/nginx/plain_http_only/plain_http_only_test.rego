package deploylint.rules.nginx.plain_http_only_test

import data.deploylint.rules.nginx.plain_http_only
import data.deploylint.test.nginx

plain_listen := nginx.listen(1, false, false)

test_plain_without_tls_anywhere if {
	root := {"at": 2, "path": "/", "acme": false, "redirects_to_https": false, "proxy_pass": null}
	port80 := object.union(plain_listen, {"port": "80"})
	s := nginx.server({"listens": [port80], "names": ["app"], "locations": [root]})
	r := plain_http_only.deny with input as nginx.conf([], [s])
	{x.path | some x in r} == {["directives", 1]}
}

test_plain_beside_tls_is_left_out if {
	plain := nginx.server({"listens": [plain_listen], "names": ["app"]})
	tls := nginx.server({"listens": [nginx.listen(5, true, false)], "names": ["app"]})
	count(plain_http_only.deny) == 0 with input as nginx.conf([], [plain, tls])
}

# Two plain listens (IPv4 and IPv6) make one finding, at the first. The server is only what
# the rule reads, and the helpers that judge it are fixed, so the test is about the one finding.
test_two_plain_listens_one_finding if {
	srv := {
		"context": "http", "at": 3, "names": ["a.example.org"], "redirects_to_https": false,
		"listens": [
			{"at": 4, "loopback": false, "ssl": false, "port": 80},
			{"at": 5, "loopback": false, "ssl": false, "port": 80},
		],
		"locations": [{"acme": false, "redirects_to_https": false}],
	}
	r := plain_http_only.deny with input as {"kind": "nginx", "data": {"servers": [srv]}}
		with data.deploylint.lib.nginx.public_listen as true
		with data.deploylint.lib.nginx.tls_server as false
	{x.path | some x in r} == {["directives", 4]}
}

# h5bp's no-ssl.default.conf: a port-80 catch-all that only drops connections serves nothing.
test_server_that_refuses_everything_passes if {
	drop := nginx.server({"listens": [object.union(nginx.listen(1, false, false), {"port": "80", "default_server": true})], "names": ["_"], "refuses": true})
	locs := nginx.server({"listens": [nginx.listen(1, false, false)], "locations": [{"at": 2, "acme": false, "redirects_to_https": false, "refuses": true}, {"at": 3, "acme": true, "redirects_to_https": false, "refuses": false}]})
	count(plain_http_only.deny) == 0 with input as nginx.conf([], [drop, locs])
	one := nginx.server({"listens": [nginx.listen(1, false, false)], "locations": [{"at": 2, "acme": false, "redirects_to_https": false, "refuses": true}, {"at": 3, "acme": false, "redirects_to_https": false, "refuses": false}]})
	count(plain_http_only.deny) == 1 with input as nginx.conf([], [one])
}
