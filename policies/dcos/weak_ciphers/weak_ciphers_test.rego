package deploylint.rules.dcos.weak_ciphers_test

import data.deploylint.rules.dcos.weak_ciphers
import data.deploylint.test.dcos

test_ciphers if {
	count(weak_ciphers.deny) == 1 with input as dcos.config({"adminrouter_tls_cipher_suite": "ECDHE-RSA-AES128-GCM-SHA256:RC4-SHA"})
	count(weak_ciphers.deny) == 0 with input as dcos.config({"adminrouter_tls_cipher_suite": "ECDHE-RSA-AES128-GCM-SHA256:!RC4"})
}
