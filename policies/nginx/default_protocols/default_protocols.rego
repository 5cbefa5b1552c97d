# METADATA
# title: TLS server relies on the default protocols
# description: |
#   A server listens with ssl but no ssl_protocols is in force for it, so nginx's built-in
#   default applies: TLSv1 TLSv1.1 TLSv1.2 before 1.23.4, TLSv1 TLSv1.1 TLSv1.2 TLSv1.3 from
#   1.23.4, and only TLSv1.2 TLSv1.3 from 1.27.3. On any nginx older than 1.27.3 (Debian 12 ships
#   1.22) the server still accepts TLSv1 and TLSv1.1.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/NGX002.md
#     description: rule documentation
#   - ref: https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_protocols
#     description: nginx ssl_protocols and its default per version
# custom:
#   id: NGX002
#   severity: low
#   kinds: [nginx]
#   remediation: >-
#     State ssl_protocols TLSv1.2 TLSv1.3; in the http block (or the server) instead of relying on the version's default.
#   guide: 'DC/OS Enterprise security guide: Admin Router "accept TLS 1.0, 1.1 … configurable"'
package deploylint.rules.nginx.default_protocols

import data.deploylint.lib.nginx
import data.deploylint.lib.result

deny contains result.at(["directives", l.at], "this TLS server sets no ssl_protocols: nginx before 1.27.3 then still accepts TLSv1 and TLSv1.1; set ssl_protocols TLSv1.2 TLSv1.3") if {
	some s in input.data.servers
	s.ssl_protocols == null
	nginx.complete
	some l in s.listens
	l.ssl
}
