# METADATA
# title: Traefik test inputs
# description: Builders for the input of Traefik static configuration rule tests.
package deploylint.test.traefik

# config is a Traefik static configuration holding the keys of d.
config(d) := {"kind": "traefik", "data": d}
