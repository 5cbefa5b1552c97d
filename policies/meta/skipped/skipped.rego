# METADATA
# title: File not scanned
# description: |
#   A file that looks like deployment configuration was left unread on purpose: it is larger
#   than the size limit, holds binary content, is not a regular file (a FIFO would block), is a
#   symlink that leads out of the scanned folder or nowhere, or could not be listed. Nothing in
#   it was checked. This is information, not a failure: the rest of the scan is complete.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/META004.md
#     description: rule documentation
# custom:
#   id: META004
#   severity: info
#   kinds: [skipped]
#   remediation: >-
#     If the file should be checked: raise max_file_size (or --max-file-size) for a large generated file, scan the symlink's target folder directly, or fix the file's permissions.
#   guide: "deploylint: say what was not audited rather than pass over it in silence"
package deploylint.rules.meta.skipped

import data.deploylint.lib.result

deny contains result.file(sprintf("not scanned: %s", [input.data.reason]))
