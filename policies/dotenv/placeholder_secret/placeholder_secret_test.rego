package deploylint.rules.dotenv.placeholder_secret_test

import data.deploylint.rules.dotenv.placeholder_secret
import data.deploylint.test.dotenv

test_placeholders_empty_and_weak if {
	r := placeholder_secret.deny with input as dotenv.env([
		["POSTGRES_PW", "changeit"],
		["REDIS_PASSWORD", ""],
		["API_KEY", "CHANGE_ME_api"],
		["JWT_SECRET", "12345678"],
	])
	count(r) == 4
	some x in r
	x.path == ["vars", 3, "value"]
	contains(x.msg, "weak")
	not contains(x.msg, "12345678")
}

test_specific_rules_take_precedence if {
	count(placeholder_secret.deny) == 0 with input as dotenv.env([["OPENC3_REDIS_PASSWORD", "openc3password"], ["POSTGRES_PASSWORD", "password"]])
}

test_non_secret_names_and_strong_values_pass if {
	count(placeholder_secret.deny) == 0 with input as dotenv.env([["PGADMIN_MAIL", "your@email.com"], ["DB_PASSWORD", "Vd8tq2Lw9Zr4Xk1p"], ["OPENC3_REDIS_USERNAME", ""]])
}
