package deploylint.rules.nginx.weak_ciphers_test

import data.deploylint.rules.nginx.weak_ciphers
import data.deploylint.test.nginx

ciphers(list) := nginx.directive("ssl_ciphers", [list], -1)

test_weak_families if {
	r := weak_ciphers.deny with input as nginx.conf([ciphers("HIGH:RC4-SHA:ECDHE-RSA-DES-CBC3-SHA"), ciphers("aNULL:HIGH")], [])
	{x.path | some x in r} == {["directives", 0]} # aNULL is NGX013's
	some x in r
	contains(x.msg, "3DES")
}

test_excluded_and_modern_pass if {
	count(weak_ciphers.deny) == 0 with input as nginx.conf([ciphers("HIGH:!aNULL:!MD5:!RC4:!3DES")], [])
	modern := ciphers("ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-CHACHA20-POLY1305")
	count(weak_ciphers.deny) == 0 with input as nginx.conf([modern], [])
}

# Lensual/dnmp: OpenSSL +-combinations name a family too; !3DES anywhere removes it.
test_shorthand_combinations_enable_3des if {
	spec := "EECDH+CHACHA20:EECDH+CHACHA20-draft:EECDH+aRSA+AES128:RSA+AES256:EECDH+ECDSA+3DES:EECDH+aRSA+3DES:RSA+3DES:!MD5"
	r := weak_ciphers.deny with input as nginx.conf([ciphers(spec)], [])
	count(r) == 1
	some x in r
	contains(x.msg, "(3DES)")
}

test_shorthand_removed_or_null if {
	count(weak_ciphers.deny) == 0 with input as nginx.conf([ciphers("EECDH+AESGCM:RSA+3DES:!3DES")], [])
	count(weak_ciphers.deny) == 0 with input as nginx.conf([ciphers("!aNULL:EECDH+AESGCM:ADH-AES128-SHA")], [])
	count(weak_ciphers.deny) == 0 with input as nginx.conf([ciphers("EECDH+aNULL:HIGH")], []) # NGX013's
}
