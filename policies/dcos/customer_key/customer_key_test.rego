package deploylint.rules.dcos.customer_key_test

import data.deploylint.rules.dcos.customer_key
import data.deploylint.test.dcos

test_placeholder if {
	count(customer_key.deny) == 1 with input as dcos.config({"customer_key": "CUSTOMER KEY NOT SET"})
	count(customer_key.deny) == 0 with input as dcos.config({"customer_key": "123e4567-e89b-12d3-a456-426614174000"})
}
