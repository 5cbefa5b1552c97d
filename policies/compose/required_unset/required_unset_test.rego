package deploylint.rules.compose.required_unset_test

import data.deploylint.rules.compose.required_unset
import data.deploylint.test.compose

test_each_required_unset_variable if {
	r := required_unset.deny with input as compose.stack_with({}, {"required_unset": ["REDIS_PASSWORD", "API_KEY"]})
	count(r) == 2
	some x in r
	x.path == ["required_unset", 1]
	contains(x.msg, "API_KEY")
}

test_none if {
	count(required_unset.deny) == 0 with input as compose.stack({})
}
