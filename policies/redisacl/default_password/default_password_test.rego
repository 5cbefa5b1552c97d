package deploylint.rules.redisacl.default_password_test

import data.deploylint.rules.redisacl.default_password

sel(allcommands, rules) := {"allkeys": false, "keys": [], "allchannels": false, "channels": [], "allcommands": allcommands, "command_rules": rules}

user(name, over) := object.union({
	"name": name, "line": 1, "tokens": ["on"], "enabled": true, "nopass": false, "flags": [],
	"passwords": [], "cleartext": [], "hashes": [], "root": sel(false, []), "selectors": [],
}, over)

acl(users) := {"kind": "redis-acl", "data": {"users": users, "has_default_user": true, "errors": []}}

openc3_hash := "022bd57403439b2a3ec0c081cdd35d40a199bbd4ee6fc0e5113edd4fe1c10071"

test_hashed_default_is_critical_and_named if {
	u := user("openc3", {"passwords": [{"form": "hash", "sha256": openc3_hash, "token": 1}]})
	r := default_password.deny with input as acl([u])
	some x in r
	x.severity == "critical"
	x.path == ["users", 0, "passwords", 0]
	contains(x.msg, "openc3password")
}

test_guide_admin_and_weak_cleartext if {
	admin := user("admin", {"passwords": [{"form": "hash", "sha256": crypto.sha256("admin"), "token": 1}]})
	weak := user("default", {"passwords": [{"form": "cleartext", "sha256": crypto.sha256("12345678"), "token": 1}]})
	count(default_password.deny) == 2 with input as acl([admin, weak])
}

test_disabled_user_is_low if {
	u := user("admin", {"enabled": false, "passwords": [{"form": "hash", "sha256": crypto.sha256("adminpassword"), "token": 1}]})
	r := default_password.deny with input as acl([u])
	some x in r
	x.severity == "low"
}

test_unique_password_passes if {
	u := user("openc3", {"passwords": [{"form": "hash", "sha256": crypto.sha256("Vd8tq2Lw9Zr4Xk1p"), "token": 1}]})
	count(default_password.deny) == 0 with input as acl([u])
}
