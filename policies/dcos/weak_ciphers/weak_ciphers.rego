# METADATA
# title: Weak cipher suite override
# description: |
#   adminrouter_tls_cipher_suite enables broken or unauthenticated suites (RC4, 3DES/DES-CBC3, NULL/eNULL/aNULL, EXPORT/EXP, MD5, LOW, ADH/AECDH).
#   The list is read as OpenSSL reads it: a +-combination names its families (EECDH+aRSA+3DES,
#   RSA+3DES enable 3DES), and a family that a ! entry removes anywhere (!3DES) is not reported.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/DCOS004.md
#     description: rule documentation
#   - ref: https://docs.d2iq.com/mesosphere/dcos/2.2/installing/production/advanced-configuration/configuration-reference/
#     description: DC/OS installer configuration reference
# custom:
#   id: DCOS004
#   severity: medium
#   kinds: [dcos-config]
#   remediation: >-
#     Remove the override (the default is a modern list) or list only ECDHE AEAD suites.
#   guide: 'DC/OS Enterprise security guide: Admin Router "accept TLS 1.0, 1.1, and 1.2. These settings are configurable." (the cipher suite among them)'
package deploylint.rules.dcos.weak_ciphers

import data.deploylint.lib.ciphers
import data.deploylint.lib.dcos
import data.deploylint.lib.result

weak := {"RC4", "3DES", "DES", "NULL", "ENULL", "ANULL", "EXPORT", "EXP", "MD5", "LOW", "ADH", "AECDH"}

enabled := ciphers.named(dcos.cfg.adminrouter_tls_cipher_suite, weak)

deny contains result.at(["adminrouter_tls_cipher_suite"], sprintf("adminrouter_tls_cipher_suite enables weak ciphers (%s)", [concat(", ", sort(enabled))])) if count(enabled) > 0
