# METADATA
# title: SSLv2 or SSLv3 enabled
# description: |
#   ssl_protocols (also proxy_ssl_protocols, and in stream and mail) enables SSLv2 or SSLv3,
#   which are broken. Every server that inherits the directive accepts them. A list whose
#   oldest protocols are TLSv1 / TLSv1.1 is NGX012's.
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

deny contains result.at(["directives", k], nginx.old_protocols_msg(k)) if {
	some k in nginx.old_protocols
	some p in nginx.args(k)
	p in {"SSLv2", "SSLv3"}
}
