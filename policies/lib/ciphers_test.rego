package deploylint.lib.ciphers_test

import data.deploylint.lib.ciphers

families := {"RC4", "DES", "3DES", "ADH", "AECDH", "ANULL", "NULL", "ENULL", "EXP", "EXPORT", "MD5"}

test_named_families if {
	ciphers.named("ECDHE-RSA-AES128-GCM-SHA256:EDH-RSA-DES-CBC3-SHA:RC4-SHA", families) == {"3DES", "RC4"}
	ciphers.named("EECDH+ECDSA+3DES:RSA+3DES:+RC4", families) == {"3DES", "RC4"}
	ciphers.named("EECDH+aNULL", families) == {"ANULL"}
}

test_removed_families if {
	ciphers.named("RSA+3DES:ADH-AES128-SHA:!3DES:!aNULL", families) == set()
	ciphers.named("NULL-SHA:!eNULL", families) == set()
	ciphers.named("RC4-SHA:-RC4:DES-CBC3-SHA", families) == {"3DES"}
	ciphers.named("-3DES:DES-CBC3-SHA", families) == {"3DES"}
	ciphers.named("EXP-RC4-MD5:!EXPORT:!RC4", families) == {"MD5"}
}
