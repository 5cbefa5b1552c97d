# METADATA
# title: Audit logging off
# description: |
#   logging.audit is absent or false: authentication and job events are not recorded, so misuse cannot be investigated.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/FML004.md
#     description: rule documentation
#   - ref: https://github.com/jfraeys/fetch_ml
#     description: FetchML (security guide in docs/)
# custom:
#   id: FML004
#   severity: low
#   kinds: [fetchml-api]
#   remediation: >-
#     Set logging.audit: true and logging.file to a path that is kept and monitored.
#   guide: 'FetchML security guide: "Enable Audit Logging"'
package deploylint.rules.fetchml.audit_logging

import data.deploylint.lib.result

cfg := input.data

deny contains result.at(["logging", "audit"], "logging.audit is false: turn audit logging on") if cfg.logging.audit == false

deny contains result.key(log_anchor, "logging.audit is not set: add logging.audit: true") if {
	not cfg.logging.audit == true
	not cfg.logging.audit == false
}

log_anchor := ["logging"] if cfg.logging

log_anchor := [] if not cfg.logging
