package deploylint.rules.compose.literal_secret_test

import data.deploylint.rules.compose.literal_secret

port(ip, target) := {"host_ip": ip, "published": format_int(target, 10), "target": target, "protocol": "tcp", "unset_variable": false}

svc(image, over) := object.union({"image": image, "image_repo": image, "ports": [], "expose": [], "environment": {}, "environment_origin": {}, "volumes": [], "network_mode": "", "command": [], "command_raw": ""}, over)

stack(services) := {"kind": "compose", "data": {"services": services, "unset_variables": []}}

test_literal_secret if {
	api := svc("api", {"environment": {"API_TOKEN": "tok_9f8e7d6c5b4a", "LOG_LEVEL": "info"}, "environment_origin": {"API_TOKEN": "literal", "LOG_LEVEL": "literal"}})
	r := literal_secret.deny with input as stack({"api": api})
	count(r) == 1
	some x in r
	not contains(x.msg, "tok_9f8e7d6c5b4a")
}

test_interpolated_file_empty_and_defaults_pass if {
	api := svc("api", {
		"environment": {"API_TOKEN": "x1y2z3w4v5u6", "JWT_SECRET_FILE": "/run/secrets/jwt", "EMPTY_TOKEN": "", "DB_PASSWORD": "changeme"},
		"environment_origin": {"API_TOKEN": "dotenv", "JWT_SECRET_FILE": "literal", "EMPTY_TOKEN": "literal", "DB_PASSWORD": "literal"},
	})
	count(literal_secret.deny) == 0 with input as stack({"api": api})
}
