# METADATA
# title: Null, anonymous or export ciphers
# description: |
#   ssl_ciphers (or proxy_ssl_ciphers) enables NULL/eNULL (no encryption), aNULL (no
#   authentication) or EXPORT (40-bit keys) cipher families, counted as NGX003 counts them
#   (OpenSSL shorthands included; ! and - entries remove). Split from NGX003 (medium), which
#   reports lists whose weakest ciphers are merely weak.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/NGX013.md
#     description: rule documentation
#   - ref: https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_ciphers
#     description: nginx ssl_ciphers
# custom:
#   id: NGX013
#   severity: high
#   kinds: [nginx]
#   split_from: NGX003
#   remediation: >-
#     Use a current AEAD-only list, e.g. ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305; (Mozilla intermediate).
#   guide: 'FetchML security guide: "[Reverse Proxy] (nginx/Apache) - TLS termination"; DC/OS Enterprise security guide: Admin Router TLS "settings are configurable"'
package deploylint.rules.nginx.broken_ciphers

import data.deploylint.lib.nginx
import data.deploylint.lib.result

deny contains result.at(["directives", k], nginx.weak_ciphers_msg(k)) if {
	some k in nginx.weak_ciphers
	count(nginx.weak_cipher_families(k) & nginx.broken_cipher_families) > 0
}
