# METADATA
# title: IP allow-list missing or open
# description: |
#   auth.ip_whitelist is absent or empty, or allows every address (0.0.0.0/0, ::/0, *, 0.0.0.0): any host that reaches the API can try keys. An entry that is not an IP address or CIDR is an error.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/FML003.md
#     description: rule documentation
#   - ref: https://github.com/jfraeys/fetch_ml
#     description: FetchML (security guide in docs/)
# custom:
#   id: FML003
#   severity: medium
#   kinds: [fetchml-api]
#   remediation: >-
#     List only the networks that need the API, e.g. 10.0.0.0/8, 192.168.0.0/16, 127.0.0.1.
#   guide: 'FetchML security guide: "Restrict IP Access"'
package deploylint.rules.fetchml.ip_allowlist

import data.deploylint.lib.result

cfg := input.data

open := {"0.0.0.0/0", "::/0", "*", "0.0.0.0", "::"}

deny contains result.key(auth_anchor, "no auth.ip_whitelist: every address may use the API; list the networks that need it") if {
	count(object.get(cfg, ["auth", "ip_whitelist"], [])) == 0
}

deny contains result.at(["auth", "ip_whitelist", i], sprintf("auth.ip_whitelist allows every address (%s)", [e])) if {
	some i, e in cfg.auth.ip_whitelist
	e in open
}

deny contains result.at(["auth", "ip_whitelist", i], "auth.ip_whitelist entry is not an IP address or CIDR") if {
	some i, e in cfg.auth.ip_whitelist
	not e in open
	not net.cidr_is_valid(e)
	not regex.match(`^[0-9.]+$|^[0-9a-fA-F:]+$`, e)
}

auth_anchor := ["auth"] if cfg.auth

auth_anchor := [] if not cfg.auth
