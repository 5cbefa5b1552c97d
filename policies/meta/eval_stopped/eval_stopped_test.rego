package deploylint.rules.meta.eval_stopped_test

import data.deploylint.rules.meta.eval_stopped

test_reports_what_stopped if {
	some r in eval_stopped.deny with input as {"kind": "eval-stopped", "data": {"what": "policy ORG001 (p/x.rego)", "reason": "ran longer than its 5s budget and was stopped", "kind": "dotenv"}}
	contains(r.msg, "policy ORG001")
	contains(r.msg, "5s budget")
}
