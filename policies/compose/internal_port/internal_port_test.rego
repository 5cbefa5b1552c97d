package deploylint.rules.compose.internal_port_test

import data.deploylint.rules.compose.internal_port
import data.deploylint.test.compose

test_by_port_and_by_image if {
	inp := compose.stack({
		"db": compose.service("postgres", {"ports": [compose.port("", 5432)]}),
		"cache": compose.service("someone/redis", {"ports": [compose.port("0.0.0.0", 16379)]}),
	})
	r := internal_port.deny with input as inp
	count(r) == 2
}

test_loopback_expose_and_proxy_pass if {
	inp := compose.stack({
		"db": compose.service("postgres", {"ports": [compose.port("127.0.0.1", 5432)]}),
		"cache": compose.service("redis", {"expose": ["6379"]}),
		"caddy": compose.service("caddy", {"ports": [compose.port("", 9090)]}),
	})
	count(internal_port.deny) == 0 with input as inp
}
