# METADATA
# title: Plain HTTP served without redirect
# description: |
#   An http server listens without ssl on a non-loopback address and serves content instead
#   of redirecting to HTTPS (return 301 https://… or rewrite … https://…, at server level or in
#   every location; ACME challenge locations are exempt). A server that answers every request
#   with return 444 (nginx closes the connection) or an error status, at server level or in
#   every location, serves nothing and is not reported (h5bp's port-80 catch-all for unknown
#   hosts). This rule reports servers whose name a TLS server in the same configuration serves
#   too, so HTTPS exists but HTTP still answers; where none does, HTTPS does not exist at all:
#   NGX014's. Servers bound to loopback only are not reported.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/NGX004.md
#     description: rule documentation
#   - ref: https://nginx.org/en/docs/http/converting_rewrite_rules.html
#     description: nginx redirects
# custom:
#   id: NGX004
#   severity: medium
#   kinds: [nginx]
#   remediation: >-
#     Serve the site on listen 443 ssl and make the port-80 server only "return 301 https://$host$request_uri;" (keeping /.well-known/acme-challenge/ if needed).
#   guide: 'FetchML security guide: "HTTP (redirect to HTTPS)"; COSMOS security guide: "If HTTPS is enabled, all HTTP traffic is redirected to HTTPS."'
package deploylint.rules.nginx.plain_http

import data.deploylint.lib.nginx
import data.deploylint.lib.result

deny contains result.at(nginx.plain_anchor(s), msg) if {
	some s in nginx.plain_servers
	nginx.tls_covered(s)
	msg := "this server answers plain HTTP although a TLS server exists for its name: redirect it to HTTPS"
}
