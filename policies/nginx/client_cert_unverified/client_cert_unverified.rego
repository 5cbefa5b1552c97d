# METADATA
# title: Client certificates not verified though configured
# description: |
#   ssl_client_certificate names a CA for client certificates, but ssl_verify_client is off
#   (the default) or optional, so clients without a valid certificate are let in anyway.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/NGX009.md
#     description: rule documentation
#   - ref: https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_verify_client
#     description: nginx ssl_verify_client
# custom:
#   id: NGX009
#   severity: medium
#   kinds: [nginx]
#   remediation: >-
#     Set ssl_verify_client on; (or check $ssl_client_verify in every location that must be protected when it is optional).
#   guide: 'DC/OS Enterprise security guide: strict mode "provides the most robust security posture"'
package deploylint.rules.nginx.client_cert_unverified

import data.deploylint.lib.nginx
import data.deploylint.lib.result

deny contains result.at(["directives", s.ssl_client_certificate], "ssl_client_certificate is set but ssl_verify_client is not on: clients without a valid certificate get in") if {
	some s in input.data.servers
	s.ssl_client_certificate != null
	not nginx.value(s, "ssl_verify_client") == "on"
}
