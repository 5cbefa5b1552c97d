# METADATA
# title: Rule evaluation stopped
# description: |
#   A policy did not finish on this file: it ran past the per-document time budget, or (for a
#   custom policy) it failed with an error. The findings it would have produced for this file
#   are missing, so the file is not fully audited. Other policies and files were still checked.
#   Checks skipped because a scan-wide work limit ran out are META005's.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/META003.md
#     description: rule documentation
# custom:
#   id: META003
#   severity: medium
#   kinds: [eval-stopped]
#   remediation: >-
#     Make the policy's work proportional to the document (avoid nested comprehensions over large ranges) or fix its error; run deploylint test on its folder. For a very large generated file, raise --eval-timeout.
#   guide: "deploylint: a file that was not fully checked cannot count as audited"
package deploylint.rules.meta.eval_stopped

import data.deploylint.lib.result

msg := sprintf("%s %s on this file; its findings here are missing", [input.data.what, input.data.reason])

deny contains result.file(msg) if not input.data.limit
