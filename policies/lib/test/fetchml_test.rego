# METADATA
# title: FetchML test inputs
# description: Builders for the input of FetchML API server rule tests.
package deploylint.test.fetchml

# config is a FetchML API server configuration holding the keys of d.
config(d) := {"kind": "fetchml-api", "data": d}
