# METADATA
# title: Unused or malformed suppression
# description: |
#   An inline suppression (# deploylint:ignore ID -- reason, or deploylint:ignore-file) that
#   gives no reason (the finding then stays reported), names a rule that does not exist, or
#   matches no finding any more. Stale suppressions hide the next real problem on that line.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/META002.md
#     description: rule documentation
#   - ref: https://github.com/deploylint/deploylint#suppressing-findings
#     description: how to suppress a finding
# custom:
#   id: META002
#   severity: low
#   kinds: [suppressions]
#   remediation: >-
#     Write "# deploylint:ignore ID -- why it is acceptable" on the line or the line above, with the rule's real ID, and remove directives that no longer match.
#   guide: 'deploylint: a suppression must say why, and go when its finding goes'
package deploylint.rules.meta.suppression

import data.deploylint.lib.result

deny contains result.at(["problems", i], p.msg) if {
	some i, p in input.data.problems
}
