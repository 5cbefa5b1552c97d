package deploylint.rules.dcos.superuser_hash_test

import data.deploylint.rules.dcos.superuser_hash
import data.deploylint.test.dcos

# admin_hash is crypt SHA-512 of "admin", 1000 rounds: the hash rules/builtins_test.go checks
# against the real deploylint.crypt_matches.
admin_hash := "$6$rounds=1000$deploylint$AS1lwRlsn2HhiD7pszL54i7z6DpJdH.8CBX3VaHyDlG3P1tKMEcUiKdE/Wi/LTkDqIoN42gTTH5w6y6uniTk6."

# other_hash is the crypt SHA-512 of a password that is no default.
other_hash := "$6$rounds=1000$ijklmnop$C2sHDIywLTcPAmFIMa2bHfb8X.7/Ecv5YOUCHRw1hQdFWJmXoMZVppEVGYjdDB8n/yJwZHTRiwAbs2WZyBc3B/"

# crypt_matches stands in for the engine's built-in, which plain opa does not have: it knows
# the one hash above, so these tests judge what the rule asks, not crypt itself.
default crypt_matches(_, _) := false

crypt_matches(hash, password) if [hash, password] == [admin_hash, "admin"]

test_hash_forms if {
	count(superuser_hash.deny) == 1 with input as dcos.config({"security": "strict"})
	count(superuser_hash.deny) == 1 with input as dcos.config({"superuser_password_hash": "plain"})
	cleartext_beside := dcos.config({"superuser_password": "x", "superuser_password_hash": other_hash})
	count(superuser_hash.deny) == 1 with input as cleartext_beside with deploylint.crypt_matches as crypt_matches
}

# A hash of a default is DCOS014's.
test_default_crypt_is_left_out if {
	count(superuser_hash.deny) == 0 with input as dcos.config({"superuser_username": "ops", "superuser_password_hash": admin_hash})
		with deploylint.crypt_matches as crypt_matches
}
