package deploylint.rules.dotenv.reused_secret_test

import data.deploylint.rules.dotenv.reused_secret
import data.deploylint.test.dotenv

test_reuse_reported_once_at_the_later_variable if {
	r := reused_secret.deny with input as dotenv.env([["A_PASSWORD", "Vd8tq2Lw9Zr4Xk1p"], ["B_TOKEN", "x"], ["C_SECRET", "Vd8tq2Lw9Zr4Xk1p"]])
	count(r) == 1
	some x in r
	x.path == ["vars", 2, "value"]
	contains(x.msg, "A_PASSWORD")
	not contains(x.msg, "Vd8tq2")
}

test_empty_and_default_values_are_left_to_other_rules if {
	count(reused_secret.deny) == 0 with input as dotenv.env([["A_PASSWORD", ""], ["B_PASSWORD", ""], ["C_PASSWORD", "changeme"], ["D_PASSWORD", "changeme"]])
}

test_non_secret_reuse_passes if {
	count(reused_secret.deny) == 0 with input as dotenv.env([["A_USERNAME", "openc3"], ["B_USERNAME", "openc3"]])
}

test_every_later_reuse_names_the_first if {
	r := reused_secret.deny with input as dotenv.env([["A_PASSWORD", "Vd8tq2Lw9Zr4Xk1p"], ["B_TOKEN", "Vd8tq2Lw9Zr4Xk1p"], ["C_SECRET", "Vd8tq2Lw9Zr4Xk1p"]])
	count(r) == 2
	every x in r {
		contains(x.msg, "same value as A_PASSWORD")
	}
}
