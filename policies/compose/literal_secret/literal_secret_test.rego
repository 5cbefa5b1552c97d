package deploylint.rules.compose.literal_secret_test

import data.deploylint.rules.compose.literal_secret
import data.deploylint.test.compose

test_literal_secret if {
	api := compose.service("api", {
		"environment": {"API_TOKEN": "tok_9f8e7d6c5b4a", "LOG_LEVEL": "info"},
		"environment_origin": {"API_TOKEN": "literal", "LOG_LEVEL": "literal"},
	})
	r := literal_secret.deny with input as compose.stack({"api": api})
	count(r) == 1
	some x in r
	not contains(x.msg, "tok_9f8e7d6c5b4a")
}

test_interpolated_file_empty_and_defaults_pass if {
	api := compose.service("api", {
		"environment": {"API_TOKEN": "x1y2z3w4v5u6", "JWT_SECRET_FILE": "/run/secrets/jwt", "EMPTY_TOKEN": "", "DB_PASSWORD": "changeme"},
		"environment_origin": {"API_TOKEN": "dotenv", "JWT_SECRET_FILE": "literal", "EMPTY_TOKEN": "literal", "DB_PASSWORD": "literal"},
	})
	count(literal_secret.deny) == 0 with input as compose.stack({"api": api})
}
