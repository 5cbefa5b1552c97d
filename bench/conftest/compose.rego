# The compose half of the small policy set bench/run.sh gives Conftest, to measure a
# general-purpose policy runner on the same files as deploylint (not to match its findings).
package main

internal_ports := {"6379", "5432", "3306", "27017", "2181", "9200", "11211"}

default_passwords := {"admin", "password", "changeme", "minioadmin", "openc3password", "postgres", "root", "secret"}

services := object.get(input, "services", {})

published(p) := split(p, ":") if is_string(p)

published(p) := [format_int(p.published, 10), format_int(p.target, 10)] if is_object(p)

deny contains msg if {
	some name, svc in services
	some p in object.get(svc, "ports", [])
	parts := published(p)
	count(parts) == 2
	parts[1] in internal_ports
	msg := sprintf("%s publishes internal port %s on every interface", [name, parts[1]])
}

deny contains msg if {
	some name, svc in services
	svc.privileged == true
	msg := sprintf("%s runs privileged", [name])
}

deny contains msg if {
	some name, svc in services
	svc.network_mode == "host"
	msg := sprintf("%s uses the host network", [name])
}

env(svc) := svc.environment if is_object(svc.environment)

env(svc) := {k: v |
	some e in svc.environment
	parts := split(e, "=")
	k := parts[0]
	v := concat("=", array.slice(parts, 1, count(parts)))
} if is_array(svc.environment)

deny contains msg if {
	some name, svc in services
	some k, v in env(svc)
	regex.match(`(?i)(PASSWORD|SECRET|TOKEN)$`, k)
	is_string(v)
	not startswith(v, "$")
	msg := sprintf("%s sets %s as a literal", [name, k])
}

deny contains msg if {
	some name, svc in services
	some k, v in env(svc)
	v in default_passwords
	msg := sprintf("%s sets %s to a default", [name, k])
}

deny contains msg if {
	some name, svc in services
	some vol in object.get(svc, "volumes", [])
	is_string(vol)
	contains(vol, "/var/run/docker.sock")
	msg := sprintf("%s mounts the Docker socket", [name])
}

deny contains msg if {
	some name, svc in services
	endswith(svc.image, ":latest")
	msg := sprintf("%s uses a latest tag", [name])
}

deny contains msg if {
	some name, svc in services
	startswith(svc.image, "redis")
	not contains(sprintf("%v", [object.get(svc, "command", "")]), "requirepass")
	msg := sprintf("%s runs Redis without requirepass", [name])
}

deny contains msg if {
	some name, svc in services
	some c in object.get(svc, "cap_add", [])
	c in {"ALL", "SYS_ADMIN", "NET_ADMIN"}
	msg := sprintf("%s adds capability %s", [name, c])
}
