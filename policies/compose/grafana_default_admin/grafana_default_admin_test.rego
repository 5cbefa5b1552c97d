package deploylint.rules.compose.grafana_default_admin_test

import data.deploylint.rules.compose.grafana_default_admin

svc(repo, env, volumes) := {"image": repo, "image_repo": repo, "environment": env, "volumes": volumes}

compose(services) := {"kind": "compose", "data": {"services": services}}

test_grafana_without_admin_password if {
	r := grafana_default_admin.deny with input as compose({
		"grafana": svc("grafana/grafana", {"GF_USERS_ALLOW_SIGN_UP": "false"}, []),
		"mirror": svc("registry.example.com/grafana/grafana-oss", {"GF_SECURITY_ADMIN_PASSWORD": ""}, []),
	})
	{x.path | some x in r} == {["services", "grafana"], ["services", "mirror"]}
}

test_password_config_or_other_product_passes if {
	count(grafana_default_admin.deny) == 0 with input as compose({
		"set": svc("grafana/grafana", {"GF_SECURITY_ADMIN_PASSWORD": "Vd8tq2Lw9Zr4Xk1p"}, []),
		"file": svc("bitnami/grafana", {"GF_SECURITY_ADMIN_PASSWORD__FILE": "/run/secrets/gf"}, []),
		"ini": svc("grafana/grafana", {}, [{"type": "bind", "source": "./grafana.ini", "target": "/etc/grafana/grafana.ini", "read_only": true}]),
		"loki": svc("grafana/loki", {}, []),
	})
}
