package deploylint.rules.dotenv.service_default_password_test

import data.deploylint.rules.dotenv.service_default_password
import data.deploylint.test.dotenv

test_grafana_and_minio if {
	r := service_default_password.deny with input as dotenv.env([["GF_SECURITY_ADMIN_PASSWORD", "admin"], ["MINIO_ROOT_PASSWORD", "minioadmin"], ["POSTGRES_PASSWORD", "mmuser_password"]])
	count(r) == 3
}

test_changed_passes if {
	count(service_default_password.deny) == 0 with input as dotenv.env([["GF_SECURITY_ADMIN_PASSWORD", "Vd8tq2Lw9Zr4Xk1p"], ["ADMIN", "admin"]])
}

test_organisation_default_is_flagged_without_its_value if {
	r := service_default_password.deny with input as dotenv.env([["APP_DB_PASSWORD", "Acme-Winter-24"], ["APP_NAME", "Acme-Winter-24"]])
		with data.deploylint.config.defaults.passwords as ["Acme-Winter-24"]
	count(r) == 1
	some f in r
	contains(f.msg, "APP_DB_PASSWORD")
	not contains(f.msg, "Acme-Winter-24")
}

test_organisation_default_absent_without_config if {
	count(service_default_password.deny) == 0 with input as dotenv.env([["APP_DB_PASSWORD", "Acme-Winter-24"]])
}

test_published_hash_is_flagged_whatever_the_name if {
	r := service_default_password.deny with input as dotenv.env([["ADMIN_PASSWORD_HASH", "$2a$14$1l.IozJx7xQRVmlkEQ32OeEEfP5mRxTpbDTCTcXRqn19gXD8YK1pO"], ["CADDY_AUTH", "$2a$14$1l.IozJx7xQRVmlkEQ32OeEEfP5mRxTpbDTCTcXRqn19gXD8YK1pO"]])
	count(r) == 2
	some f in r
	contains(f.msg, `default password "admin"`)
}

test_other_bcrypt_hash_passes if {
	count(service_default_password.deny) == 0 with input as dotenv.env([["ADMIN_PASSWORD_HASH", "$2a$14$Qw0YyY3bOxd5b1m7nC8yZe2n6yq0kFQ1u5m0Yt3wQx9sYy2nFvH9a"]])
}
