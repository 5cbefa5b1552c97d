# METADATA
# title: Grafana without an admin password
# description: |
#   A Grafana service (grafana/grafana, grafana-oss, grafana-enterprise, bitnami/grafana) sets
#   no GF_SECURITY_ADMIN_PASSWORD (nor its __FILE form), so Grafana creates its admin user with
#   the password admin on first start. A service that mounts its own configuration into
#   /etc/grafana (whose grafana.ini may set admin_password, and is not read) is not reported;
#   an admin password that is itself a default is CMP003's.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/CMP010.md
#     description: rule documentation
#   - ref: https://grafana.com/docs/grafana/latest/setup-grafana/configure-grafana/#admin_password
#     description: Grafana configuration, admin_password
# custom:
#   id: CMP010
#   severity: high
#   kinds: [compose]
#   remediation: >-
#     Set GF_SECURITY_ADMIN_PASSWORD from the git-ignored .env (GF_SECURITY_ADMIN_PASSWORD: ${GRAFANA_ADMIN_PASSWORD:?set it}) or GF_SECURITY_ADMIN_PASSWORD__FILE from a compose secret, to a unique random password.
#   guide: 'FetchML security guide: "Secure Grafana"'
package deploylint.rules.compose.grafana_default_admin

import data.deploylint.lib.result

# grafana_images are the repositories of Grafana itself (not Loki, Tempo or the agent).
grafana_images := {"grafana/grafana", "grafana/grafana-oss", "grafana/grafana-enterprise", "bitnami/grafana"}

grafana(svc) if svc.image_repo in grafana_images

# A mirror or private registry in front: registry.example.com/grafana/grafana.
grafana(svc) if {
	some repo in grafana_images
	endswith(svc.image_repo, concat("", ["/", repo]))
}

deny contains result.at(["services", name], msg) if {
	some name, svc in input.data.services
	grafana(svc)
	not admin_password_set(svc)
	not own_config(svc)
	msg := sprintf("service %s runs Grafana without GF_SECURITY_ADMIN_PASSWORD, so its admin user starts with the password admin: set one from a secret", [name])
}

admin_password_set(svc) if {
	some var in {"GF_SECURITY_ADMIN_PASSWORD", "GF_SECURITY_ADMIN_PASSWORD__FILE"}
	v := svc.environment[var]
	is_string(v)
	v != ""
}

own_config(svc) if {
	some v in svc.volumes
	startswith(v.target, "/etc/grafana")
}
