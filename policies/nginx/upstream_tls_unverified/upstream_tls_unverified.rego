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

verify_on(k) if {
	some j, d in input.data.directives
	d.name == "proxy_ssl_verify"
	lower(d.args[0]) == "on"
	in_scope(input.data.directives, j, k)
}

# in_scope: directive j of ds is in a block enclosing directive k (or the same block).
in_scope(ds, j, k) if ds[j].parent == ds[k].parent

in_scope(ds, j, k) if {
	p := ds[k].parent
	p >= 0
	pp := ds[p].parent
	ds[j].parent == pp
}

in_scope(ds, j, k) if {
	p := ds[k].parent
	p >= 0
	pp := ds[p].parent
	pp >= 0
	ds[j].parent == ds[pp].parent
}

deny contains result.at(["directives", k], "proxy_pass to https:// without proxy_ssl_verify on: nginx accepts any upstream certificate") if {
	some k, d in input.data.directives
	d.name == "proxy_pass"
	startswith(lower(d.args[0]), "https://")
	not verify_on(k)
}
