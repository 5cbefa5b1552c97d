package deploylint.rules.fetchml.ip_allowlist_test

import data.deploylint.rules.fetchml.ip_allowlist
import data.deploylint.test.fetchml

test_allowlist if {
	count(ip_allowlist.deny) == 1 with input as fetchml.config({"auth": {}})
	count(ip_allowlist.deny) == 2 with input as fetchml.config({"auth": {"ip_whitelist": ["0.0.0.0/0", "not-an-ip", "10.0.0.0/8"]}})
	count(ip_allowlist.deny) == 0 with input as fetchml.config({"auth": {"ip_whitelist": ["10.0.0.0/8", "192.168.0.0/16", "127.0.0.1"]}})
}
