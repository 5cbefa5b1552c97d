# METADATA
# title: Weak ciphers
# description: |
#   ssl_ciphers (or proxy_ssl_ciphers) enables cipher families that are broken or have no
#   forward secrecy: RC4, DES/3DES, MD5, LOW, anonymous ADH/AECDH, SSLv2, or ALL/DEFAULT-style
#   lists without exclusions. A list that enables NULL/eNULL/aNULL or EXPORT (no encryption,
#   no authentication or 40-bit keys) is NGX013's. OpenSSL's shorthands count as the families they
#   name: each +- separated component of an entry (EECDH+aRSA+3DES, RSA+3DES, DES-CBC3-SHA
#   enable 3DES). Entries starting with ! or - are not counted; a family that a ! entry
#   removes anywhere in the list (!3DES; !aNULL also removes ADH and AECDH), or a - entry after
#   the one that added it, is not reported.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/NGX003.md
#     description: rule documentation
#   - ref: https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_ciphers
#     description: nginx ssl_ciphers
# custom:
#   id: NGX003
#   severity: medium
#   kinds: [nginx]
#   remediation: >-
#     Use a current list, e.g. Mozilla's intermediate profile: ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305.
#   guide: 'FetchML security guide: "[Reverse Proxy] (nginx/Apache) - TLS termination"; DC/OS Enterprise security guide: Admin Router TLS "settings are configurable"'
package deploylint.rules.nginx.weak_ciphers

import data.deploylint.lib.nginx
import data.deploylint.lib.result

deny contains result.at(["directives", k], nginx.weak_ciphers_msg(k)) if {
	some k in nginx.weak_ciphers
	count(nginx.weak_cipher_families(k) & nginx.broken_cipher_families) == 0
}
