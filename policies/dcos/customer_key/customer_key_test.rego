package deploylint.rules.dcos.customer_key_test

import data.deploylint.rules.dcos.customer_key

cfg(d) := {"kind": "x", "data": d}

test_placeholder if {
	count(customer_key.deny) == 1 with input as cfg({"customer_key": "CUSTOMER KEY NOT SET"})
	count(customer_key.deny) == 0 with input as cfg({"customer_key": "123e4567-e89b-12d3-a456-426614174000"})
}
