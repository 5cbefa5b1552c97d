# METADATA
# title: Superuser password is a known default
# description: |
#   superuser_password_hash is the SHA-512 crypt of the superuser's own name or of a common
#   default (admin, password, dcos, changeme): anyone can log in to the cluster as its
#   superuser. Split from DCOS008 (high), which reports a missing, malformed or cleartext
#   superuser password.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/DCOS014.md
#     description: rule documentation
#   - ref: https://docs.d2iq.com/mesosphere/dcos/2.2/installing/production/advanced-configuration/configuration-reference/
#     description: DC/OS installer configuration reference
# custom:
#   id: DCOS014
#   severity: critical
#   kinds: [dcos-config]
#   split_from: DCOS008
#   remediation: >-
#     Choose a unique password and set superuser_password_hash to its crypt SHA-512 (dcos_generate_config.ee.sh --hash-password, or python3 -c 'import crypt; print(crypt.crypt("…", crypt.mksalt(crypt.METHOD_SHA512)))').
#   guide: 'DC/OS Enterprise security guide: superuser password hashed with "crypt(3) SHA-512"'
package deploylint.rules.dcos.superuser_default_password

import data.deploylint.lib.dcos
import data.deploylint.lib.result

candidates := array.concat([object.get(dcos.cfg, "superuser_username", "")], data.deploylint.data.defaults.dcos.superuser_passwords)

deny contains result.at(["superuser_password_hash"], msg) if {
	h := dcos.cfg.superuser_password_hash
	startswith(h, "$6$")
	some pw in candidates
	pw != ""
	deploylint.crypt_matches(h, pw)
	msg := sprintf("superuser_password_hash is the SHA-512 crypt of %q: choose a unique password", [pw])
}
