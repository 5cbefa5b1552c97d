# METADATA
# title: Default or snakeoil certificate
# description: |
#   ssl_certificate or ssl_certificate_key points at a placeholder certificate (a path
#   component or file name with snakeoil, dummy or selfsigned), such as the one DC/OS Admin
#   Router ships, or a TLS server has no certificate at all. Clients either get warnings they learn
#   to click through or trust a key that others have too.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/NGX006.md
#     description: rule documentation
#   - ref: https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_certificate
#     description: nginx ssl_certificate
# custom:
#   id: NGX006
#   severity: medium
#   kinds: [nginx]
#   remediation: >-
#     Install a certificate issued for the service's name (your CA or ACME) and point ssl_certificate / ssl_certificate_key at it.
#   guide: 'DC/OS security guide: "replace the SSL certificate used by Admin Router"'
package deploylint.rules.nginx.default_certificate

import data.deploylint.lib.nginx
import data.deploylint.lib.result

placeholder := `(?i)(^|[/._-])(snakeoil|dummy|self-?signed)([/._-]|$)`

deny contains result.at(["directives", k], sprintf("%s points at a placeholder certificate: install one issued for this service", [d.name])) if {
	some name in ["ssl_certificate", "ssl_certificate_key"]
	some k in input.data.by_name[name]
	d := input.data.directives[k]
	regex.match(placeholder, d.args[0])
}

deny contains result.at(["directives", [l.at | some l in s.listens; l.ssl][0]], "this TLS server has no ssl_certificate: nginx cannot complete a handshake") if {
	some s in input.data.servers
	s.context == "http"
	nginx.tls_server(s)
	s.ssl_certificate == null
	nginx.complete
	input.data.has_http_block
}
