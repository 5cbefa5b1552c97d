package deploylint.rules.fetchml.tls_disabled_test

import data.deploylint.rules.fetchml.tls_disabled
import data.deploylint.test.fetchml

test_tls if {
	count(tls_disabled.deny) == 1 with input as fetchml.config({"server": {"address": ":9102"}})
	count(tls_disabled.deny) == 1 with input as fetchml.config({"server": {"tls": {"enabled": false}}})
	count(tls_disabled.deny) == 2 with input as fetchml.config({"server": {"tls": {"enabled": true}}})
	count(tls_disabled.deny) == 0 with input as fetchml.config({"server": {"tls": {"enabled": true, "cert_file": "/c", "key_file": "/k"}}})
}
