# METADATA
# title: Superuser password hash missing or not crypt SHA-512
# description: |
#   On Enterprise the initial superuser needs superuser_password_hash in crypt(3) SHA-512 form ($6$…). Missing or empty, or another form, is reported; so is a superuser_password key (a cleartext password in the file). A hash of the user name or a common default is DCOS014's.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/DCOS008.md
#     description: rule documentation
#   - ref: https://docs.d2iq.com/mesosphere/dcos/2.2/installing/production/advanced-configuration/configuration-reference/
#     description: DC/OS installer configuration reference
# custom:
#   id: DCOS008
#   severity: high
#   kinds: [dcos-config]
#   remediation: >-
#     Generate the hash with the DC/OS installer (dcos_generate_config.ee.sh --hash-password) from a unique password, put it in superuser_password_hash and remove superuser_password.
#   guide: 'DC/OS Enterprise security guide: superuser password hashed with "crypt(3) SHA-512"'
package deploylint.rules.dcos.superuser_hash

import data.deploylint.lib.dcos
import data.deploylint.lib.result

deny contains result.file("no superuser_password_hash on this Enterprise configuration: set one (crypt SHA-512)") if {
	dcos.enterprise
	object.get(dcos.cfg, "superuser_password_hash", "") == ""
	not dcos.cfg.superuser_password
}

deny contains result.at(["superuser_password_hash"], "superuser_password_hash is not a crypt(3) SHA-512 hash ($6$…)") if {
	h := dcos.cfg.superuser_password_hash
	h != ""
	not startswith(h, "$6$")
}

deny contains result.at(["superuser_password"], "superuser_password holds the superuser password in cleartext: use superuser_password_hash") if dcos.cfg.superuser_password
