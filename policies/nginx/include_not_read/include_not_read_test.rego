package deploylint.rules.nginx.include_not_read_test

import data.deploylint.rules.nginx.include_not_read
import data.deploylint.test.nginx

# include is an include directive at the top of the main file (or of the file given).
include(arg, line) := {"name": "include", "args": [arg], "line": line, "parent": -1}

test_noted_include if {
	options := "/etc/letsencrypt/options-ssl-nginx.conf"
	note := {"at": 0, "line": 3, "file": "", "include": options, "reason": "absolute path outside the scanned tree"}
	inp := nginx.conf_with([include(options, 3)], [], {"has_http_block": false, "include_notes": [note]})
	r := include_not_read.deny with input as inp
	some x in r
	x.path == ["directives", 0]
}

test_read_include_passes if {
	inp := nginx.conf_with([include("conf.d/*.conf", 3)], [], {"has_http_block": false})
	count(include_not_read.deny) == 0 with input as inp
}

# A note from an included file is reported at that file's include (the index the parser
# gives it), not at the main file's include on the same line.
test_note_in_included_file if {
	in_b := object.union(include("a.conf", 1), {"file": "nginx/b.conf"})
	cycle := "includes itself through a cycle; nginx would recurse until it fails"
	note := {"at": 1, "line": 1, "file": "nginx/b.conf", "include": "a.conf", "reason": cycle}
	inp := nginx.conf_with([include("a.conf", 1), in_b], [], {"has_http_block": false, "include_notes": [note]})
	r := include_not_read.deny with input as inp
	{x.path | some x in r} == {["directives", 1]}
}
