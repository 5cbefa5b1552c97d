package deploylint.rules.compose.redis_no_auth_test

import data.deploylint.rules.compose.redis_no_auth

port(ip, target) := {"host_ip": ip, "published": format_int(target, 10), "target": target, "protocol": "tcp", "unset_variable": false}

svc(image, over) := object.union({"image": image, "image_repo": image, "ports": [], "expose": [], "environment": {}, "environment_origin": {}, "volumes": [], "network_mode": "", "command": [], "command_raw": ""}, over)

stack(services) := {"kind": "compose", "data": {"services": services, "unset_variables": []}}

test_published_without_password_is_critical if {
	r := redis_no_auth.deny with input as stack({"redis": svc("redis", {"ports": [port("", 6379)]})})
	some x in r
	x.severity == "critical"
}

test_internal_without_password_is_high if {
	r := redis_no_auth.deny with input as stack({"redis": svc("redis", {"command": ["redis-server", "--requirepass", ""]})})
	some x in r
	x.severity == "high"
}

test_optional_variable_is_medium if {
	s := svc("redis", {"command": ["redis-server", "--requirepass", "Vd8tq2Lw9Zr4Xk1p"], "command_raw": "redis-server --requirepass ${REDIS_PASSWORD}"})
	r := redis_no_auth.deny with input as stack({"redis": s})
	some x in r
	x.severity == "medium"
}

test_authenticated_passes if {
	required := svc("redis", {"command": ["redis-server", "--requirepass", "Vd8tq2Lw9Zr4Xk1p"], "command_raw": "redis-server --requirepass ${REDIS_PASSWORD:?set}"})
	count(redis_no_auth.deny) == 0 with input as stack({"redis": required})
	acl := svc("redis", {})
	mounts := {"redis:/etc/redis/users.acl": {"path": "users.acl", "kind": "redis-acl", "data": {}}}
	count(redis_no_auth.deny) == 0 with input as object.union(stack({"redis": acl}), {"mounts": mounts})
}

test_unset_password_variable_is_no_password if {
	s := svc("redis", {"command": ["redis-server", "--requirepass", "unset"], "command_raw": "redis-server --requirepass ${REDIS_PASSWORD}"})
	inp := {"kind": "compose", "data": {"services": {"redis": s}, "unset_variables": ["REDIS_PASSWORD"]}}
	r := redis_no_auth.deny with input as inp
	some x in r
	x.severity == "high"
	contains(x.msg, "set by no scanned .env")
}
