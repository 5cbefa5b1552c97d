# METADATA
# title: DC/OS test inputs
# description: Builders for the input of DC/OS rule tests (config.yaml of the installer).
package deploylint.test.dcos

# config is a DC/OS installer configuration holding the keys of d.
config(d) := {"kind": "dcos-config", "data": d}
