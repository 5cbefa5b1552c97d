# METADATA
# title: Plain HTTP served without redirect
# description: |
#   An http server listens without ssl on a non-loopback address and serves content instead
#   of redirecting to HTTPS (return 301 https://… or rewrite … https://…, at server level or in
#   every location; ACME challenge locations are exempt). A server that answers every request
#   with return 444 (nginx closes the connection) or an error status, at server level or in
#   every location, serves nothing and is not reported (h5bp's port-80 catch-all for unknown
#   hosts). High when no TLS server in the same configuration serves that name, so HTTPS does
#   not exist at all; medium when it does but HTTP still answers. Servers bound to loopback
#   only are not reported.
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

tls_names contains n if {
	some s in input.data.servers
	nginx.tls_server(s)
	some n in s.names
}

serves(s) if {
	not s.redirects_to_https
	not s.refuses
	count(s.locations) == 0
}

serves(s) if {
	not s.redirects_to_https
	not s.refuses
	some loc in s.locations
	not loc.acme
	not loc.redirects_to_https
	not loc.refuses
}

covered(s) if {
	some n in s.names
	n in tls_names
}

# The first plain public listen: a server with "listen 80" and "listen [::]:80" is one finding.
anchor(s) := ["directives", min(ats)] if {
	ats := {l.at | some l in s.listens; not l.loopback; not l.ssl}
	count(ats) > 0
}

anchor(s) := ["directives", s.at] if count(s.listens) == 0

deny contains result.severity(result.at(anchor(s), msg), sev) if {
	some s in input.data.servers
	s.context == "http"
	not nginx.tls_server(s)
	nginx.public_listen(s)
	serves(s)
	sev := severity(s)
	msg := sprintf("this server answers plain HTTP%s: redirect it to HTTPS", [why(s)])
}

severity(s) := "medium" if covered(s)

severity(s) := "high" if not covered(s)

why(s) := " although a TLS server exists for its name" if covered(s)

why(s) := " and no TLS server serves its name" if not covered(s)
