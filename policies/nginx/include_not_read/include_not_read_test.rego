package deploylint.rules.nginx.include_not_read_test

import data.deploylint.rules.nginx.include_not_read

test_noted_include if {
	inp := {"kind": "nginx", "data": {
		"directives": [{"name": "include", "args": ["/etc/letsencrypt/options-ssl-nginx.conf"], "line": 3, "parent": -1}],
		"servers": [], "has_http_block": false,
		"include_notes": [{"line": 3, "include": "/etc/letsencrypt/options-ssl-nginx.conf", "reason": "absolute path outside the scanned tree"}],
	}}
	r := include_not_read.deny with input as inp
	some x in r
	x.path == ["directives", 0]
}

test_read_include_passes if {
	inp := {"kind": "nginx", "data": {"directives": [{"name": "include", "args": ["conf.d/*.conf"], "line": 3, "parent": -1}], "servers": [], "has_http_block": false, "include_notes": []}}
	count(include_not_read.deny) == 0 with input as inp
}

# A note from an included file matches that file's directive only, not the main file's
# directive on the same line.
test_note_in_included_file if {
	inp := {"kind": "nginx", "data": {
		"directives": [
			{"name": "include", "args": ["a.conf"], "line": 1, "parent": -1},
			{"name": "include", "args": ["a.conf"], "line": 1, "parent": -1, "file": "nginx/b.conf"},
		],
		"servers": [], "has_http_block": false,
		"include_notes": [{"line": 1, "file": "nginx/b.conf", "include": "a.conf", "reason": "includes itself through a cycle; nginx would recurse until it fails"}],
	}}
	r := include_not_read.deny with input as inp
	{x.path | some x in r} == {["directives", 1]}
}
