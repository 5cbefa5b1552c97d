package deploylint.rules.nginx.default_protocols_test

import data.deploylint.rules.nginx.default_protocols
import data.deploylint.test.nginx

test_tls_server_without_protocols if {
	dirs := [nginx.directive("server", [], -1), nginx.directive("listen", ["443", "ssl"], 0)]
	r := default_protocols.deny with input as nginx.conf(dirs, [nginx.server({"listens": [nginx.listen(1, true, false)]})])
	some x in r
	x.path == ["directives", 1]
}

test_inherited_or_plain_passes if {
	inherited := nginx.server({"listens": [nginx.listen(1, true, false)], "ssl_protocols": 5})
	count(default_protocols.deny) == 0 with input as nginx.conf([], [inherited])
	plain := nginx.server({"listens": [nginx.listen(1, false, false)]})
	count(default_protocols.deny) == 0 with input as nginx.conf([], [plain])
}
