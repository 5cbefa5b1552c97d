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

# The scanner marks a guessable value (zxcvbn) as weak; the message never shows it.
test_guessable_value_reported_without_its_value if {
	r := placeholder_secret.deny with input as {"kind": "dotenv", "data": {"vars": [
		{"name": "LAUNCHPAD_RPC_SHARED_SECRET", "value": "supersecret", "line": 1, "quote": "none", "export": false, "effective": true, "weak": true},
		{"name": "DB_PASSWORD", "value": "Vd8tq2Lw9Zr4Xk1p", "line": 2, "quote": "none", "export": false, "effective": true, "weak": false},
	]}}
	count(r) == 1
	some x in r
	x.path == ["vars", 0, "value"]
	contains(x.msg, "LAUNCHPAD_RPC_SHARED_SECRET is guessable")
	not contains(x.msg, "supersecret")
}

# A value both a placeholder and guessable is reported once, as the placeholder it is.
test_placeholder_wins_over_guessable if {
	r := placeholder_secret.deny with input as {"kind": "dotenv", "data": {"vars": [
		{"name": "API_TOKEN", "value": "changeme", "line": 1, "quote": "none", "export": false, "effective": true, "weak": true},
		{"name": "OLD_SECRET", "value": "secret", "line": 2, "quote": "none", "export": false, "effective": false, "weak": false},
	]}}
	count(r) == 1
	some x in r
	contains(x.msg, "a placeholder")
}

env(pairs) := {"kind": "dotenv", "data": {"vars": [v |
	some i, p in pairs
	v := {"name": p[0], "value": p[1], "line": i + 1, "quote": "none", "export": false, "effective": true}
]}}
