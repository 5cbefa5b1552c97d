package deploylint.rules.traefik.placeholder_domain_test

import data.deploylint.rules.traefik.placeholder_domain
import data.deploylint.test.traefik

test_domain_and_email if {
	inp := traefik.config({
		"entrypoints": {"websecure": {"http": {"tls": {"domains": [{"main": "mydomain.com", "sans": ["www.example.com"]}]}}}},
		"certificatesresolvers": {"le": {"acme": {"email": "me@mydomain.com"}}},
	})
	r := placeholder_domain.deny with input as inp
	{x.path | some x in r} == {
		["entrypoints", "websecure", "http", "tls", "domains", 0, "main"],
		["entrypoints", "websecure", "http", "tls", "domains", 0, "sans", 0],
		["certificatesresolvers", "le", "acme", "email"],
	}
}

test_real_domains_pass if {
	inp := traefik.config({"certificatesresolvers": {"le": {"acme": {"email": "ops@cosmos-lab.org"}}}, "x": "notexample.com"})
	count(placeholder_domain.deny) == 0 with input as inp
}

# The template's domain on every router is one finding, at the first of its places.
test_one_finding_per_placeholder if {
	inp := traefik.config({"http": {"routers": {
		"a": {"tls": {"domains": [{"main": "mydomain.com"}]}},
		"b": {"tls": {"domains": [{"main": "mydomain.com"}]}},
		"c": {"tls": {"domains": [{"main": "mydomain.com"}]}},
	}}})
	r := placeholder_domain.deny with input as inp
	count(r) == 1
	some x in r
	x.path == ["http", "routers", "a", "tls", "domains", 0, "main"]
	contains(x.msg, "in 2 more places")
}
