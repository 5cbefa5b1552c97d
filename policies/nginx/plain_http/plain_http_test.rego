package deploylint.rules.nginx.plain_http_test

import data.deploylint.rules.nginx.plain_http
import data.deploylint.test.nginx

plain_listen := nginx.listen(1, false, false)

# Without a TLS server for the name it is NGX014's.
test_plain_without_tls_anywhere_is_left_out if {
	root := {"at": 2, "path": "/", "acme": false, "redirects_to_https": false, "proxy_pass": null}
	port80 := object.union(plain_listen, {"port": "80"})
	s := nginx.server({"listens": [port80], "names": ["app"], "locations": [root]})
	count(plain_http.deny) == 0 with input as nginx.conf([], [s])
}

test_plain_beside_tls if {
	plain := nginx.server({"listens": [plain_listen], "names": ["app"]})
	tls := nginx.server({"listens": [nginx.listen(5, true, false)], "names": ["app"]})
	r := plain_http.deny with input as nginx.conf([], [plain, tls])
	{x.path | some x in r} == {["directives", 1]}
}

test_redirect_acme_and_loopback_pass if {
	redirect := nginx.server({"listens": [plain_listen], "redirects_to_https": true})
	acme := nginx.server({"listens": [plain_listen], "locations": [
		{"at": 2, "acme": true, "redirects_to_https": false},
		{"at": 3, "acme": false, "redirects_to_https": true},
	]})
	local := nginx.server({"listens": [nginx.listen(1, false, true)]})
	count(plain_http.deny) == 0 with input as nginx.conf([], [redirect, acme, local])
}
