# METADATA
# title: DC/OS installer helpers
# description: |
#   DC/OS reads its booleans as the strings 'true'/'false'; YAML booleans are accepted here
#   too (and DCOS000 points them out). Enterprise is recognised by security,
#   superuser_username, customer_key or license_key_contents.
package deploylint.lib.dcos

cfg := input.data

enterprise if {
	some k in ["security", "superuser_username", "customer_key", "license_key_contents"]
	cfg[k]
}

# bool(k) is the boolean value of key k, whether written 'true' or true.
bool(k) if lower(sprintf("%v", [cfg[k]])) == "true"

bool(k) := false if lower(sprintf("%v", [cfg[k]])) == "false"

# absent(k) is true when the key is not in the file (or null).
absent(k) if not cfg[k]

absent(k) if cfg[k] == null
