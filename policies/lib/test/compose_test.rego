# METADATA
# title: compose test inputs
# description: |
#   Builders for the input of compose rule tests, in the shape scanners/compose documents, so
#   a test states only what it is about.
package deploylint.test.compose

# port is one published port; host_ip "" publishes it on every interface.
port(ip, target) := {
	"host_ip": ip,
	"published": format_int(target, 10),
	"target": target,
	"protocol": "tcp",
	"unset_variable": false,
}

# service runs image with nothing else set, then the fields in over.
service(image, over) := object.union(
	{
		"image": image, "image_repo": image, "ports": [], "expose": [],
		"environment": {}, "environment_origin": {}, "volumes": [], "network_mode": "",
		"command": [], "command_raw": "",
	},
	over,
)

# stack is a compose file holding services.
stack(services) := stack_with(services, {})

# stack_with is a compose file holding services, with the other fields of its data in over
# (unset_variables, required_unset).
stack_with(services, over) := {"kind": "compose", "data": object.union(
	{"services": services, "unset_variables": [], "required_unset": []},
	over,
)}

# mounted is a compose file whose services mount the documents in mounts, keyed
# "service:/container/path" as the pipeline hands them to rules.
mounted(services, mounts) := object.union(stack(services), {"mounts": mounts})
