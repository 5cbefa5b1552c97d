# METADATA
# title: Obsolete TLS/SSL protocol
# description: |
#   ssl_protocols (also proxy_ssl_protocols, and in stream and mail) enables SSLv2 or SSLv3
#   (broken: high) or TLSv1 / TLSv1.1 (deprecated by RFC 8996, no modern cipher suites:
#   medium). Every server that inherits the directive accepts them.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/NGX001.md
#     description: rule documentation
#   - ref: https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_protocols
#     description: nginx ssl_protocols
# custom:
#   id: NGX001
#   severity: high
#   kinds: [nginx]
#   remediation: >-
#     Use ssl_protocols TLSv1.2 TLSv1.3; (proxy_ssl_protocols likewise).
#   guide: 'DC/OS Enterprise security guide: Admin Router "accept TLS 1.0, 1.1 … configurable"; FetchML security guide: "Enable TLS"'
package deploylint.rules.nginx.obsolete_protocols

import data.deploylint.lib.nginx
import data.deploylint.lib.result

deny contains result.severity(result.at(["directives", k], msg), sev) if {
	some name in ["ssl_protocols", "proxy_ssl_protocols"]
	some k in input.data.by_name[name]
	d := nginx.directives[k]
	bad := [p | some p in d.args; p in {"SSLv2", "SSLv3", "TLSv1", "TLSv1.1"}]
	count(bad) > 0
	sev := severity(bad)
	msg := sprintf("%s enables %s: allow only TLSv1.2 and TLSv1.3", [d.name, concat(", ", bad)])
}

severity(bad) := "high" if {
	some p in bad
	p in {"SSLv2", "SSLv3"}
}

severity(bad) := "medium" if {
	not "SSLv2" in bad
	not "SSLv3" in bad
}
