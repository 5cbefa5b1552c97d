package deploylint.rules.meta.limit_reached_test

import data.deploylint.rules.meta.limit_reached

test_a_scan_limit if {
	some r in limit_reached.deny with input as {"kind": "eval-stopped", "data": {"what": "the SHA-512 crypt checks (deploylint.crypt_matches)", "reason": "ran out of the scan's crypt work budget", "kind": "dcos-config", "limit": "crypt-work", "fix": "scan this file's folder alone"}}
	contains(r.msg, "crypt work budget")
	endswith(r.msg, ": scan this file's folder alone")
}

test_a_stopped_policy_is_left_out if {
	count(limit_reached.deny) == 0 with input as {"kind": "eval-stopped", "data": {"what": "policy ORG001 (p/x.rego)", "reason": "ran longer than its 5s budget and was stopped", "kind": "dotenv"}}
}
