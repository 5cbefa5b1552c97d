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

# uses maps each placeholder value to every data path that holds it.
uses[value] contains path if {
	walk(input.data, [path, value])
	is_string(value)
	regex.match(placeholder, value)
}

# One finding per placeholder per file (the template repeats its domain on every router), at
# the first path that holds it, with how many more do.
deny contains result.at(sort(paths)[0], sprintf("%q is a placeholder from the template%s: use your own domain or e-mail", [value, more(count(paths) - 1)])) if {
	some value, paths in uses
}

more(0) := ""

more(1) := " (here and in 1 more place)"

more(n) := sprintf(" (here and in %d more places)", [n]) if n > 1
