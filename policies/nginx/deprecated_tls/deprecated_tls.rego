# METADATA
# title: TLS 1.0 or 1.1 enabled
# description: |
#   ssl_protocols (also proxy_ssl_protocols, and in stream and mail) enables TLSv1 or TLSv1.1,
#   deprecated by RFC 8996 and without modern cipher suites. Every server that inherits the
#   directive accepts them. Split from NGX001 (high), which reports lists that enable SSLv2 or
#   SSLv3.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/NGX012.md
#     description: rule documentation
#   - ref: https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_protocols
#     description: nginx ssl_protocols
# custom:
#   id: NGX012
#   severity: medium
#   kinds: [nginx]
#   split_from: NGX001
#   remediation: >-
#     Use ssl_protocols TLSv1.2 TLSv1.3; (proxy_ssl_protocols likewise).
#   guide: 'DC/OS Enterprise security guide: Admin Router "accept TLS 1.0, 1.1 … configurable"; FetchML security guide: "Enable TLS"'
package deploylint.rules.nginx.deprecated_tls

import data.deploylint.lib.nginx
import data.deploylint.lib.result

deny contains result.at(["directives", k], nginx.old_protocols_msg(k)) if {
	some k in nginx.old_protocols
	not "SSLv2" in nginx.args(k)
	not "SSLv3" in nginx.args(k)
}
