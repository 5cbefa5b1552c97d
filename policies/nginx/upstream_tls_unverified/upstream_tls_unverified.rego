# METADATA
# title: Upstream TLS not verified
# description: |
#   proxy_pass https://… without proxy_ssl_verify on (nginx's default is off) accepts any
#   certificate from the upstream, so the encrypted hop can be intercepted.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/NGX010.md
#     description: rule documentation
#   - ref: https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_ssl_verify
#     description: nginx proxy_ssl_verify
# custom:
#   id: NGX010
#   severity: low
#   kinds: [nginx]
#   remediation: >-
#     Add proxy_ssl_verify on; with proxy_ssl_trusted_certificate and proxy_ssl_name for the upstream.
#   guide: 'FetchML security guide: "TLS/HTTPS: End-to-end encryption for API traffic"'
package deploylint.rules.nginx.upstream_tls_unverified

import data.deploylint.lib.result

deny contains result.at(["directives", k], "proxy_pass to https:// without proxy_ssl_verify on: nginx accepts any upstream certificate") if {
	some k in input.data.by_name.proxy_pass
	d := input.data.directives[k]
	startswith(lower(d.args[0]), "https://")
	not verify_on(d)
}

# verify_on: the proxy_ssl_verify in force where the proxy_pass stands (the parser resolves
# nginx's inheritance) says on.
verify_on(d) if lower(input.data.directives[d.proxy_ssl_verify].args[0]) == "on"
