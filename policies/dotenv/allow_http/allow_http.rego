# METADATA
# title: HTTP explicitly allowed
# description: |
#   OPENC3_ALLOW_HTTP relaxes the Content Security Policy so that the COSMOS web interface
#   loads resources over plain HTTP. The guide asks for TLS before COSMOS is exposed to any
#   network; this switch undoes part of it. Any non-empty value turns it on.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/ENV006.md
#     description: rule documentation
#   - ref: https://docs.openc3.com/docs/configuration/ssl-tls
#     description: COSMOS SSL/TLS configuration
# custom:
#   id: ENV006
#   severity: medium
#   kinds: [dotenv]
#   remediation: >-
#     Remove OPENC3_ALLOW_HTTP (or comment it out) and serve COSMOS over HTTPS (openc3-traefik/traefik-ssl.yaml).
#   guide: 'COSMOS security guide: "Configure SSL/TLS before exposing COSMOS to any network."'
package deploylint.rules.dotenv.allow_http

import data.deploylint.lib.dotenv
import data.deploylint.lib.result

deny contains result.key(["vars", i], "OPENC3_ALLOW_HTTP is set, which allows plain-HTTP content: remove it and serve COSMOS over HTTPS") if {
	i := dotenv.by_name.OPENC3_ALLOW_HTTP
	input.data.vars[i].value != ""
}
