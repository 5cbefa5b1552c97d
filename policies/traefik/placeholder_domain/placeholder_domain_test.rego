package deploylint.rules.traefik.placeholder_domain_test

import data.deploylint.rules.traefik.placeholder_domain

test_domain_and_email if {
	inp := {"kind": "traefik", "data": {
		"entrypoints": {"websecure": {"http": {"tls": {"domains": [{"main": "mydomain.com", "sans": ["www.example.com"]}]}}}},
		"certificatesresolvers": {"le": {"acme": {"email": "me@mydomain.com"}}},
	}}
	r := placeholder_domain.deny with input as inp
	{x.path | some x in r} == {
		["entrypoints", "websecure", "http", "tls", "domains", 0, "main"],
		["entrypoints", "websecure", "http", "tls", "domains", 0, "sans", 0],
		["certificatesresolvers", "le", "acme", "email"],
	}
}

test_real_domains_pass if {
	inp := {"kind": "traefik", "data": {"certificatesresolvers": {"le": {"acme": {"email": "ops@cosmos-lab.org"}}}, "x": "notexample.com"}}
	count(placeholder_domain.deny) == 0 with input as inp
}
