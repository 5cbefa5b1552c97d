# METADATA
# title: Include not read
# description: |
#   An include names a file outside the scanned tree (an absolute path on the server, or a path
#   that leaves the scan root) or one that does not exist in it, includes a file that is already
#   being included (a cycle), or sits more than 10 includes deep. deploylint never reads such
#   files, so settings they would bring (ssl_protocols, certificates, listens) were not checked,
#   and rules about missing settings stay quiet for this configuration.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/NGX011.md
#     description: rule documentation
#   - ref: https://nginx.org/en/docs/ngx_core_module.html#include
#     description: nginx include
# custom:
#   id: NGX011
#   severity: info
#   kinds: [nginx]
#   remediation: >-
#     Scan the directory that holds the included files too (deploylint scan with the whole configuration tree), so their settings are checked.
#   guide: 'deploylint: what is not read cannot be audited'
package deploylint.rules.nginx.include_not_read

import data.deploylint.lib.result

deny contains result.at(["directives", k], sprintf("include %s was not read (%s): its settings are not checked", [n.include, n.reason])) if {
	some n in input.data.include_notes
	k := n.at
}

# file_of is the included file a directive or note comes from; "" for the main file.
