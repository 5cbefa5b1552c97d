package deploylint.rules.compose.trust_auth_test

import data.deploylint.rules.compose.trust_auth

port(ip, target) := {"host_ip": ip, "published": format_int(target, 10), "target": target, "protocol": "tcp", "unset_variable": false}

svc(image, over) := object.union({"image": image, "image_repo": image, "ports": [], "expose": [], "environment": {}, "volumes": [], "network_mode": "", "command": []}, over)

stack(services) := {"kind": "compose", "data": {"services": services, "unset_variables": []}}

test_trust if {
	r := trust_auth.deny with input as stack({"db": svc("postgres", {"environment": {"POSTGRES_HOST_AUTH_METHOD": "Trust"}})})
	some x in r
	x.path == ["services", "db", "environment", "POSTGRES_HOST_AUTH_METHOD"]
}

test_other_methods_pass if {
	count(trust_auth.deny) == 0 with input as stack({"db": svc("postgres", {"environment": {"POSTGRES_HOST_AUTH_METHOD": "scram-sha-256", "X": null}})})
}
