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

# absent(k) is true when the key is not in the file (or null). A key set to a YAML false is
# present.
absent(k) if not k in object.keys(cfg)

# old_tls_enabled are the Admin Router switches of TLS 1.0 and 1.1 set 'true' (DCOS003, or
# DCOS013 when TLS 1.2 is off too).
old_tls_enabled contains k if {
	some k in ["adminrouter_tls_1_0_enabled", "adminrouter_tls_1_1_enabled"]
	bool(k) == true
}

old_tls_msg(k) := sprintf("%s enables a deprecated TLS version on Admin Router: set it to 'false'", [k])

tls12_off if bool("adminrouter_tls_1_2_enabled") == false

absent(k) if cfg[k] == null
