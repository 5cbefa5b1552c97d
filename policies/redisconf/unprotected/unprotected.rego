# METADATA
# title: Listens on all interfaces with protection off
# description: |
#   protected-mode no turns off Redis's last safeguard (refusing non-loopback clients while
#   the default user has no password) and the server binds every interface (bind 0.0.0.0, *,
#   or no bind at all). Together they expose the server to the whole network as soon as a
#   password is missing or weak.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/RDS002.md
#     description: rule documentation
#   - ref: https://redis.io/docs/latest/operate/oss_and_stack/management/security/
#     description: Redis security, protected mode
# custom:
#   id: RDS002
#   severity: high
#   kinds: [redis-conf]
#   remediation: >-
#     Keep protected-mode yes, and bind only the interfaces clients use (bind 127.0.0.1 -::1, or the private address of the Docker network).
#   guide: 'FetchML security guide: "Internal Networks: Backend services (Redis, Loki) not exposed publicly"'
package deploylint.rules.redisconf.unprotected

import data.deploylint.lib.redisconf
import data.deploylint.lib.result

all_interfaces if not redisconf.bind_index

all_interfaces if {
	some a in redisconf.directives[redisconf.bind_index].args
	a in {"0.0.0.0", "*", "::", "-::*", "::*"}
}

deny contains result.at(["directives", redisconf.last["protected-mode"]], "protected-mode is off while Redis binds every interface: turn protected mode on and bind only the addresses clients use") if {
	redisconf.protected_mode_off
	all_interfaces
}
