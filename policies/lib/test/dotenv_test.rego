# METADATA
# title: .env test inputs
# description: |
#   Builders for the input of .env rule tests, in the shape scanners/dotenv documents.
package deploylint.test.dotenv

import data.deploylint.lib.secrets

# env is a .env file with one effective variable per [name, value] pair, one a line.
env(pairs) := file([variable(i + 1, p[0], p[1]) | some i, p in pairs])

# file is a .env file holding the given variables, with the reuses field the parser computes
# (the first effective, secret-named variable above with the same non-empty value).
file(vars) := {"kind": "dotenv", "path": ".env", "data": {"vars": [object.union(v, reuse(vars, j)) | some j, v in vars]}}

reuse(vars, j) := {"reuses": firsts[0]} if {
	later := vars[j]
	later.effective == true
	later.value != ""
	secrets.is_secret_name(later.name)
	firsts := [v.name |
		some i, v in vars
		i < j
		v.effective == true
		secrets.is_secret_name(v.name)
		v.value == later.value
	]
	count(firsts) > 0
} else := {}

# variable is an unquoted NAME=value on a line, the one compose uses.
variable(line, name, value) := {
	"name": name,
	"value": value,
	"line": line,
	"quote": "none",
	"export": false,
	"effective": true,
}
