package deploylint.rules.nginx.autoindex_on_test

import data.deploylint.rules.nginx.autoindex_on
import data.deploylint.test.nginx

test_on if {
	on := nginx.directive("autoindex", ["on"], -1)
	off := nginx.directive("autoindex", ["off"], -1)
	count(autoindex_on.deny) == 1 with input as nginx.conf([on, off], [])
}
