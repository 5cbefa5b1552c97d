package deploylint.rules.meta.eval_stopped_test

import data.deploylint.rules.meta.eval_stopped

test_reports_what_stopped if {
	some r in eval_stopped.deny with input as {"kind": "eval-stopped", "data": {"what": "policy ORG001 (p/x.rego)", "reason": "ran longer than its 5s budget and was stopped", "kind": "dotenv"}}
	contains(r.msg, "policy ORG001")
	contains(r.msg, "5s budget")
}

# A scan-wide limit is META005's.
test_a_scan_limit_is_left_out if {
	count(eval_stopped.deny) == 0 with input as {"kind": "eval-stopped", "data": {"what": "the SHA-512 crypt checks (deploylint.crypt_matches)", "reason": "ran out of the scan's crypt work budget", "kind": "dcos-config", "limit": "crypt-work", "fix": "scan this file's folder alone"}}
}
