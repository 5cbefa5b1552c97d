# METADATA
# title: Version disclosed
# description: |
#   server_tokens on (the default) or build puts the nginx version in every Server header
#   and error page, telling attackers which known vulnerabilities to try. Reported on an
#   explicit on/build, and on a main configuration whose http block never turns it off (unless
#   some of its includes could not be read).
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/NGX008.md
#     description: rule documentation
#   - ref: https://nginx.org/en/docs/http/ngx_http_core_module.html#server_tokens
#     description: nginx server_tokens
# custom:
#   id: NGX008
#   severity: low
#   kinds: [nginx]
#   remediation: >-
#     Add server_tokens off; to the http block.
#   guide: 'general nginx hardening, not a statement of the four vendor guides (see docs/guides): the version stays out of headers and error pages'
package deploylint.rules.nginx.version_disclosed

import data.deploylint.lib.nginx
import data.deploylint.lib.result

deny contains result.at(["directives", k], sprintf("server_tokens %s discloses the nginx version: set server_tokens off", [d.args[0]])) if {
	some k in input.data.by_name.server_tokens
	d := input.data.directives[k]
	lower(d.args[0]) in {"on", "build"}
}

deny contains result.at(["directives", k], "the http block never sets server_tokens off, so nginx discloses its version: add server_tokens off;") if {
	not input.data.by_name.server_tokens
	nginx.complete
	some k in input.data.by_name.http
}
