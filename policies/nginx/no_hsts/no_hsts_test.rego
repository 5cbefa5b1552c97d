package deploylint.rules.nginx.no_hsts_test

import data.deploylint.rules.nginx.no_hsts
import data.deploylint.test.nginx

test_missing_or_short if {
	short := nginx.server({"listens": [nginx.listen(1, true, false)], "hsts": 3, "hsts_max_age": 3600})
	none := nginx.server({"listens": [nginx.listen(4, true, false)]})
	r := no_hsts.deny with input as nginx.conf([], [short, none])
	{x.path | some x in r} == {["directives", 1], ["directives", 4]}
}

test_long_hsts_passes if {
	year := nginx.server({"listens": [nginx.listen(1, true, false)], "hsts": 3, "hsts_max_age": 31536000})
	count(no_hsts.deny) == 0 with input as nginx.conf([], [year])
}

# h5bp's TLS catch-all answers 444: there is no page whose visitors HSTS would protect.
test_refusing_catch_all_passes if {
	drop := nginx.server({"listens": [nginx.listen(1, true, false)], "refuses": true})
	count(no_hsts.deny) == 0 with input as nginx.conf([], [drop])
}
