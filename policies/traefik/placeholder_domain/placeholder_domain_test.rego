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
