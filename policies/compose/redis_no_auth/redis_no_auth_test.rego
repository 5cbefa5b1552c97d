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

# netbox-docker: sh -c "valkey-server --requirepass $$REDIS_PASSWORD", the password from env_file.
shell_flag(vars) := {"program": "valkey-server", "name": "--requirepass", "value": "", "origin": "shell", "vars": vars, "secret": true, "weak": false}

test_requirepass_in_shell_script_counts if {
	s := svc("valkey/valkey", {
		"command": ["sh", "-c", "valkey-server --requirepass $REDIS_PASSWORD"],
		"command_raw": "sh -c valkey-server --requirepass $$REDIS_PASSWORD",
		"environment": {"REDIS_PASSWORD": "H733Kdjndks81"}, "environment_origin": {"REDIS_PASSWORD": "env_file"},
		"command_flags": [shell_flag(["REDIS_PASSWORD"])],
	})
	count(redis_no_auth.deny) == 0 with input as stack({"redis": s})
	lit := svc("redis", {"command": ["sh", "-c", "exec redis-server --requirepass x7Qv2LpZ9mWc4RtB"], "command_flags": [object.union(shell_flag([]), {"origin": "literal", "value": "x7Qv2LpZ9mWc4RtB"})]})
	count(redis_no_auth.deny) == 0 with input as stack({"redis": lit})
	acl := svc("redis", {"command": ["sh", "-c", "redis-server --aclfile /data/users.acl"], "command_flags": [object.union(shell_flag([]), {"name": "--aclfile", "origin": "literal", "value": "/data/users.acl", "secret": false})]})
	count(redis_no_auth.deny) == 0 with input as stack({"redis": acl})
}

test_shell_variable_the_environment_lacks_is_no_password if {
	s := svc("valkey/valkey", {"command": ["sh", "-c", "valkey-server --requirepass $REDIS_PASSWORD"], "command_flags": [shell_flag(["REDIS_PASSWORD"])]})
	r := redis_no_auth.deny with input as stack({"redis": s})
	some x in r
	x.severity == "high"
	contains(x.msg, "shell variable that the service's environment does not set")
	empty := svc("valkey/valkey", {"environment": {"REDIS_PASSWORD": ""}, "environment_origin": {"REDIS_PASSWORD": "literal"}, "command_flags": [shell_flag(["REDIS_PASSWORD"])]})
	count(redis_no_auth.deny) == 1 with input as stack({"redis": empty})
	unread := svc("valkey/valkey", {"command_flags": [shell_flag(["REDIS_PASSWORD"])], "env_files_unread": true})
	count(redis_no_auth.deny) == 0 with input as stack({"redis": unread})
	computed := svc("redis", {"command_flags": [shell_flag([])]}) # --requirepass "$(cat /run/secrets/redis)"
	count(redis_no_auth.deny) == 0 with input as stack({"redis": computed})
}
