# METADATA
# title: No HSTS on a TLS server
# description: |
#   A TLS server sends no Strict-Transport-Security header with max-age of at least 180 days
#   (15552000 s), so a browser that once reached the site over HTTPS can still be downgraded to
#   HTTP. An add_header in the server (or inherited from http when the server has none) counts.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/NGX005.md
#     description: rule documentation
#   - ref: https://nginx.org/en/docs/http/ngx_http_headers_module.html#add_header
#     description: nginx add_header (and its inheritance)
# custom:
#   id: NGX005
#   severity: low
#   kinds: [nginx]
#   remediation: >-
#     add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always; in the TLS server (repeat it in any location that has its own add_header).
#   guide: 'DC/OS Enterprise security guide: strict mode "provides the most robust security posture"; FetchML security guide: "Enable TLS"'
package deploylint.rules.nginx.no_hsts

import data.deploylint.lib.nginx
import data.deploylint.lib.result

deny contains result.at(["directives", first_tls_listen(s)], "this TLS server sends no Strict-Transport-Security header of at least 180 days: add one") if {
	some s in input.data.servers
	s.context == "http"
	nginx.tls_server(s)
	not s.refuses # a catch-all that answers 444 or an error serves no page to pin
	not strong(s)
	nginx.complete
}

first_tls_listen(s) := [l.at | some l in s.listens; l.ssl][0]

strong(s) if {
	s.hsts != null
	s.hsts_max_age >= 15552000
}
