# METADATA
# title: Checks skipped at a scan-wide limit
# description: |
#   Some checks of this file were skipped because a scan-wide work limit ran out (the SHA-512
#   crypt budget of DCOS014's superuser_password_hash check): the limit is deploylint's
#   protection against hostile input, not a fault of the file, so this is information. The
#   findings those checks would have produced for this file are missing. Split from META003
#   (medium), which reports a policy that ran out of time or failed.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/META005.md
#     description: rule documentation
# custom:
#   id: META005
#   severity: info
#   kinds: [eval-stopped]
#   split_from: META003
#   remediation: >-
#     Scan the file's folder alone, or fewer such files at once, so the limit covers them.
#   guide: "deploylint: a file that was not fully checked cannot count as audited"
package deploylint.rules.meta.limit_reached

import data.deploylint.lib.result

# A scan-wide limit says what the user can do about it.
deny contains result.file(sprintf("%s %s on this file; its findings here are missing: %s", [input.data.what, input.data.reason, input.data.fix])) if input.data.limit
