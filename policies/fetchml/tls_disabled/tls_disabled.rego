# METADATA
# title: TLS disabled
# description: |
#   The API server's server.tls.enabled is absent or false, or TLS is enabled without cert_file and key_file: API keys and job data travel in clear.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/FML001.md
#     description: rule documentation
#   - ref: https://github.com/jfraeys/fetch_ml
#     description: FetchML (security guide in docs/)
# custom:
#   id: FML001
#   severity: high
#   kinds: [fetchml-api]
#   remediation: >-
#     Set server.tls.enabled: true with cert_file and key_file (or terminate TLS in a reverse proxy and bind the API server to loopback).
#   guide: 'FetchML security guide: "Enable TLS" (server.tls.enabled: true with cert_file and key_file)'
package deploylint.rules.fetchml.tls_disabled

import data.deploylint.lib.result

cfg := input.data

deny contains result.at(["server", "tls", "enabled"], "server.tls.enabled is false: enable TLS with cert_file and key_file") if cfg.server.tls.enabled == false

deny contains result.key(object_anchor, "server.tls.enabled is not set, so the API server serves plain HTTP: add server.tls with enabled: true, cert_file and key_file") if {
	not cfg.server.tls.enabled == true
	not cfg.server.tls.enabled == false
}

deny contains result.at(["server", "tls", "enabled"], sprintf("TLS is enabled without %s", [k])) if {
	cfg.server.tls.enabled == true
	some k in ["cert_file", "key_file"]
	object.get(cfg.server.tls, k, "") == ""
}

object_anchor := ["server", "tls"] if cfg.server.tls

object_anchor := ["server"] if {
	not cfg.server.tls
	cfg.server
}

object_anchor := [] if not cfg.server
