# METADATA
# title: Well-known service default password
# description: |
#   A variable that sets the administrator credential of a well-known service (Grafana, MinIO,
#   QuestDB, the Postgres image, Keycloak, Redis examples, Mattermost's Postgres) still holds
#   that product's documented default. These are the first passwords anyone tries. COSMOS's own
#   variables are reported by ENV001 to ENV005 instead. Any secret variable set to one of the
#   organisation's own default passwords (defaults { passwords } in .deploylint.hcl) is reported
#   too, without repeating the value, and so is any variable holding a hash a project published
#   for its default password (dockprom's bcrypt of "admin").
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/ENV008.md
#     description: rule documentation
#   - ref: https://docs.openc3.com/docs/guides/security
#     description: COSMOS security guide, Security Recommendations
# custom:
#   id: ENV008
#   severity: high
#   kinds: [dotenv]
#   remediation: >-
#     Set a unique random value (openssl rand -base64 32); for services that keep their first credential in a data volume (Grafana, Postgres, Keycloak) also change it in the running service.
#   guide: 'FetchML security guide: "Secure Grafana: Change default admin password"; COSMOS security guide: "Change all default passwords before deploying COSMOS."'
package deploylint.rules.dotenv.service_default_password

import data.deploylint.lib.dotenv
import data.deploylint.lib.result
import data.deploylint.lib.secrets

deny contains result.at(["vars", i, "value"], msg) if {
	some name, svc in data.deploylint.data.defaults.services
	i := dotenv.by_name[name]
	v := input.data.vars[i]
	v.value in svc.values
	msg := sprintf("%s is %s's documented default %q: set a unique random value", [v.name, svc.product, v.value])
}

# The organisation's defaults are private: the message names the variable only.
deny contains result.at(["vars", i, "value"], msg) if {
	some i in dotenv.secret_index
	v := input.data.vars[i]
	v.value in secrets.org_passwords
	not i in dotenv.specific_index
	msg := sprintf("%s is one of the organisation's default passwords listed in .deploylint.hcl: set a unique random value", [v.name])
}

# A published hash is the default password whatever the variable is called (ADMIN_PASSWORD_HASH).
deny contains result.at(["vars", i, "value"], msg) if {
	some i in dotenv.effective_index
	v := input.data.vars[i]
	h := secrets.published_hashes[v.value]
	msg := sprintf("%s is the published hash of the default password %q (%s): set the hash of a unique password", [v.name, h.password, h.source])
}
