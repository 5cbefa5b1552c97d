package deploylint.rules.meta.suppression_test

import data.deploylint.rules.meta.suppression

test_each_problem if {
	r := suppression.deny with input as {"kind": "suppressions", "data": {"problems": [{"line": 3, "msg": "a"}, {"line": 9, "msg": "b"}]}}
	count(r) == 2
	some x in r
	x.path == ["problems", 1]
}
