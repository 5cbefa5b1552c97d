package deploylint.rules.dotenv.service_default_password_test

import data.deploylint.rules.dotenv.service_default_password

env(pairs) := {"kind": "dotenv", "data": {"vars": [v |
	some i, p in pairs
	v := {"name": p[0], "value": p[1], "line": i + 1, "quote": "none", "export": false, "effective": true}
]}}

test_grafana_and_minio if {
	r := service_default_password.deny with input as env([["GF_SECURITY_ADMIN_PASSWORD", "admin"], ["MINIO_ROOT_PASSWORD", "minioadmin"], ["POSTGRES_PASSWORD", "mmuser_password"]])
	count(r) == 3
}

test_changed_passes if {
	count(service_default_password.deny) == 0 with input as env([["GF_SECURITY_ADMIN_PASSWORD", "Vd8tq2Lw9Zr4Xk1p"], ["ADMIN", "admin"]])
}

test_organisation_default_is_flagged_without_its_value if {
	r := service_default_password.deny with input as env([["APP_DB_PASSWORD", "Acme-Winter-24"], ["APP_NAME", "Acme-Winter-24"]])
		with data.deploylint.config.defaults.passwords as ["Acme-Winter-24"]
	count(r) == 1
	some f in r
	contains(f.msg, "APP_DB_PASSWORD")
	not contains(f.msg, "Acme-Winter-24")
}

test_organisation_default_absent_without_config if {
	count(service_default_password.deny) == 0 with input as env([["APP_DB_PASSWORD", "Acme-Winter-24"]])
}
