# METADATA
# title: Directory listing on
# description: |
#   autoindex on lists every file of a directory that has no index file, exposing backups,
#   configuration and keys that happen to sit there.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/NGX007.md
#     description: rule documentation
#   - ref: https://nginx.org/en/docs/http/ngx_http_autoindex_module.html
#     description: nginx autoindex
# custom:
#   id: NGX007
#   severity: medium
#   kinds: [nginx]
#   remediation: >-
#     Remove autoindex on (the default is off), or restrict that location to authenticated users.
#   guide: 'general nginx hardening, not a statement of the four vendor guides (see docs/guides): directory listings stay off'
package deploylint.rules.nginx.autoindex_on

import data.deploylint.lib.result

deny contains result.at(["directives", k], "autoindex on lists directory contents to every visitor: turn it off") if {
	some k in input.data.by_name.autoindex
	lower(input.data.directives[k].args[0]) == "on"
}
