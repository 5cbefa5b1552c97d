package deploylint.rules.dcos.weak_ciphers_test

import data.deploylint.rules.dcos.weak_ciphers
import data.deploylint.test.dcos

test_ciphers if {
	count(weak_ciphers.deny) == 1 with input as dcos.config({"adminrouter_tls_cipher_suite": "ECDHE-RSA-AES128-GCM-SHA256:RC4-SHA"})
	count(weak_ciphers.deny) == 0 with input as dcos.config({"adminrouter_tls_cipher_suite": "ECDHE-RSA-AES128-GCM-SHA256:!RC4"})
}

test_shorthand_combinations if {
	r := weak_ciphers.deny with input as cfg({"adminrouter_tls_cipher_suite": "EECDH+AESGCM:EECDH+aRSA+3DES:RSA+3DES"})
	some x in r
	contains(x.msg, "(3DES)")
}

test_shorthand_removed if {
	count(weak_ciphers.deny) == 0 with input as cfg({"adminrouter_tls_cipher_suite": "EECDH+AESGCM:RSA+3DES:!3DES"})
}

cfg(d) := {"kind": "x", "data": d}
