# METADATA
# title: .env test inputs
# description: |
#   Builders for the input of .env rule tests, in the shape scanners/dotenv documents.
package deploylint.test.dotenv

# env is a .env file with one effective variable per [name, value] pair, one a line.
env(pairs) := file([variable(i + 1, p[0], p[1]) | some i, p in pairs])

# file is a .env file holding the given variables.
file(vars) := {"kind": "dotenv", "path": ".env", "data": {"vars": vars}}

# variable is an unquoted NAME=value on a line, the one compose uses.
variable(line, name, value) := {
	"name": name,
	"value": value,
	"line": line,
	"quote": "none",
	"export": false,
	"effective": true,
}
