package deploylint.rules.dcos.superuser_hash_test

import data.deploylint.rules.dcos.superuser_hash

cfg(d) := {"kind": "x", "data": d}

test_hash_forms if {
	count(superuser_hash.deny) == 1 with input as cfg({"security": "strict"})
	count(superuser_hash.deny) == 1 with input as cfg({"superuser_password_hash": "plain"})
	count(superuser_hash.deny) == 1 with input as cfg({"superuser_password": "x", "superuser_password_hash": "$6$rounds=1000$ijklmnop$C2sHDIywLTcPAmFIMa2bHfb8X.7/Ecv5YOUCHRw1hQdFWJmXoMZVppEVGYjdDB8n/yJwZHTRiwAbs2WZyBc3B/"})
}

test_default_crypt if {
	# crypt SHA-512 of "admin", 1000 rounds (python3: crypt.crypt("admin", "$6$rounds=1000$abcdefgh"))
	h := "$6$rounds=1000$abcdefgh$C9ePO7xfkdNkmX30TMprFC87F.ZzQcgxBJMpfNuNGhmsUk1PcnwZJ4vKFo6AoKBm/95qIf/K38842MOQlVokz0"
	r := superuser_hash.deny with input as cfg({"superuser_username": "ops", "superuser_password_hash": h})
	some x in r
	x.severity == "critical"
	contains(x.msg, "\"admin\"")
}
