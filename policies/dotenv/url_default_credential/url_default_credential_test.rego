package deploylint.rules.dotenv.url_default_credential_test

import data.deploylint.rules.dotenv.url_default_credential
import data.deploylint.test.dotenv

test_redis_url_with_shipped_default if {
	r := url_default_credential.deny with input as dotenv.env([["CACHE_URL", "redis://openc3:openc3password@redis:6379/0"]])
	some x in r
	contains(x.msg, "CACHE_URL")
	not contains(x.msg, "openc3password")
}

test_postgres_placeholder_percent_encoded if {
	count(url_default_credential.deny) == 1 with input as dotenv.env([["DATABASE_URL", "postgresql://app:change%5Fme@db/app"]])
}

test_strong_password_or_other_scheme_passes if {
	count(url_default_credential.deny) == 0 with input as dotenv.env([["DATABASE_URL", "postgres://app:Vd8tq2Lw9Zr4Xk1p@db/app"]])
	count(url_default_credential.deny) == 0 with input as dotenv.env([["SITE", "https://user:password@example.org/"]])
	count(url_default_credential.deny) == 0 with input as dotenv.env([["CACHE_URL", "redis://redis:6379/0"]])
}
