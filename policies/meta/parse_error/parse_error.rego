# METADATA
# title: File cannot be parsed
# description: |
#   The file was recognised as a configuration deploylint checks, but its parser stopped on a
#   syntax error. Nothing after that point was checked, and the program that reads the file in
#   production will most likely refuse it too. The other files of the scan are still checked.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/META001.md
#     description: rule documentation
#   - ref: https://github.com/deploylint/deploylint#exit-codes
#     description: deploylint exit codes
# custom:
#   id: META001
#   severity: high
#   kinds: [parse-error]
#   remediation: >-
#     Fix the mistake at the reported line and column, as the message says for this kind of file, and run the check it names to confirm.
#   guide: "deploylint: a file that cannot be read cannot be audited"
package deploylint.rules.meta.parse_error

import data.deploylint.lib.result

deny contains result.at(["error"], msg)

# The remediation is one text for every kind; what to do about this file is its kind's.
msg := sprintf("cannot parse this %s file: %s; %s", [input.data.kind, input.data.message, input.data.fix]) if {
	input.data.fix
} else := sprintf("cannot parse this %s file: %s", [input.data.kind, input.data.message])
