# METADATA
# title: Placeholder domain or ACME e-mail
# description: |
#   The configuration still names the template's placeholder domain (mydomain.com,
#   example.com) for certificates or its ACME account e-mail (me@mydomain.com). Certificates
#   will be requested for a domain you do not own (and fail), and expiry notices go nowhere.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/TRF003.md
#     description: rule documentation
#   - ref: https://docs.openc3.com/docs/configuration/ssl-tls
#     description: COSMOS SSL/TLS configuration
# custom:
#   id: TRF003
#   severity: low
#   kinds: [traefik]
#   remediation: >-
#     Replace the placeholder with your real domain and a monitored e-mail address.
#   guide: 'COSMOS traefik-ssl.yaml: "Update with your domain"'
package deploylint.rules.traefik.placeholder_domain

import data.deploylint.lib.result

placeholder := `(?i)(^|[@./:])(mydomain\.com|example\.(com|org|net))$`

deny contains result.at(path, sprintf("%q is a placeholder from the template: use your own domain or e-mail", [value])) if {
	walk(input.data, [path, value])
	is_string(value)
	regex.match(placeholder, value)
}
