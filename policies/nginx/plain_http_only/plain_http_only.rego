# METADATA
# title: Plain HTTP served and no TLS server for the name
# description: |
#   An http server listens without ssl on a non-loopback address and serves content instead of
#   redirecting to HTTPS, and no TLS server in the same configuration serves that name: HTTPS
#   does not exist at all. Redirects, ACME challenge locations and servers that refuse every
#   request are judged as in NGX004. Split from NGX004 (medium), which reports plain servers
#   whose name a TLS server serves too.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/NGX014.md
#     description: rule documentation
#   - ref: https://nginx.org/en/docs/http/converting_rewrite_rules.html
#     description: nginx redirects
# custom:
#   id: NGX014
#   severity: high
#   kinds: [nginx]
#   split_from: NGX004
#   remediation: >-
#     Add a TLS server for the name (listen 443 ssl; with a certificate) and make this one return 301 https://$host$request_uri;.
#   guide: 'FetchML security guide: "HTTP (redirect to HTTPS)"; COSMOS security guide: "If HTTPS is enabled, all HTTP traffic is redirected to HTTPS."'
package deploylint.rules.nginx.plain_http_only

import data.deploylint.lib.nginx
import data.deploylint.lib.result

deny contains result.at(nginx.plain_anchor(s), msg) if {
	some s in nginx.plain_servers
	not nginx.tls_covered(s)
	msg := "this server answers plain HTTP and no TLS server serves its name: redirect it to HTTPS"
}
