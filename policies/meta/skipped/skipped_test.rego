package deploylint.rules.meta.skipped_test

import data.deploylint.rules.meta.skipped

test_names_the_reason if {
	some r in skipped.deny with input as {"kind": "skipped", "data": {"reason": "symlink leads out of the scan root; not followed"}}
	r.msg == "not scanned: symlink leads out of the scan root; not followed"
}
