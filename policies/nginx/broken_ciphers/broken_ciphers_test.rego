package deploylint.rules.nginx.broken_ciphers_test

import data.deploylint.rules.nginx.broken_ciphers
import data.deploylint.test.nginx

ciphers(list) := nginx.directive("ssl_ciphers", [list], -1)

test_null_and_export if {
	r := broken_ciphers.deny with input as nginx.conf([ciphers("HIGH:RC4-SHA"), ciphers("aNULL:HIGH"), ciphers("EXP-RC4-MD5")], [])
	{x.path | some x in r} == {["directives", 1], ["directives", 2]}
	count(broken_ciphers.deny) == 1 with input as nginx.conf([ciphers("EECDH+aNULL:HIGH")], [])
}

test_removed_passes if {
	count(broken_ciphers.deny) == 0 with input as nginx.conf([ciphers("!aNULL:EECDH+AESGCM:ADH-AES128-SHA")], [])
	count(broken_ciphers.deny) == 0 with input as nginx.conf([ciphers("HIGH:!aNULL:!eNULL:!EXPORT")], [])
}
