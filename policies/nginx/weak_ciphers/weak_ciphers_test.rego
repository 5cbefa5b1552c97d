package deploylint.rules.nginx.weak_ciphers_test

import data.deploylint.rules.nginx.weak_ciphers
import data.deploylint.test.nginx

ciphers(list) := nginx.directive("ssl_ciphers", [list], -1)

test_weak_families if {
	r := weak_ciphers.deny with input as nginx.conf([ciphers("HIGH:RC4-SHA:ECDHE-RSA-DES-CBC3-SHA"), ciphers("aNULL:HIGH")], [])
	{x.severity | some x in r} == {"medium", "high"}
	some x in r
	contains(x.msg, "3DES")
}

test_excluded_and_modern_pass if {
	count(weak_ciphers.deny) == 0 with input as nginx.conf([ciphers("HIGH:!aNULL:!MD5:!RC4:!3DES")], [])
	modern := ciphers("ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-CHACHA20-POLY1305")
	count(weak_ciphers.deny) == 0 with input as nginx.conf([modern], [])
}
