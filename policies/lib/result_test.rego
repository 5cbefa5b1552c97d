package deploylint.lib.result_test

import data.deploylint.lib.result

test_at if {
	result.at(["vars", 0], "m") == {"path": ["vars", 0], "msg": "m", "anchor": "value"}
}

test_key if {
	result.key(["vars", 1], "m").anchor == "key"
}

test_related if {
	r := result.related(result.file("m"), [{"path": ".env", "line": 2, "msg": "here"}])
	r.related == [{"path": ".env", "line": 2, "msg": "here"}]
}

test_file if {
	result.file("m") == {"path": [], "msg": "m", "anchor": "file"}
}
