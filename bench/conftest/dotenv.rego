# The .env half of the small policy set bench/run.sh gives Conftest.
package main

cosmos_defaults := {"openc3password", "scriptrunnerpassword", "openc3miniopassword", "openc3bucketpassword", "openc3service", "openc3questpassword"}

weak := {"123456", "12345678", "qwerty", "letmein", "password1", "admin", "root", "test"}

is_env if not input.services

secret_name(k) if regex.match(`(?i)(PASSWORD|PASSWD|PASS|_PW|SECRET|TOKEN|API_KEY)$`, k)

deny contains msg if {
	is_env
	some k, v in input
	v in cosmos_defaults
	msg := sprintf("%s is a shipped COSMOS default", [k])
}

deny contains msg if {
	is_env
	some k, v in input
	secret_name(k)
	regex.match(`(?i)change_?me|^your[-_]|^<.*>$`, v)
	msg := sprintf("%s is a placeholder", [k])
}

deny contains msg if {
	is_env
	some k, v in input
	secret_name(k)
	v == ""
	msg := sprintf("%s is empty", [k])
}

deny contains msg if {
	is_env
	some k, v in input
	secret_name(k)
	v in weak
	msg := sprintf("%s is a weak password", [k])
}

deny contains msg if {
	is_env
	input.OPENC3_ALLOW_HTTP != ""
	msg := "OPENC3_ALLOW_HTTP is set"
}

deny contains msg if {
	is_env
	input.SECRET_KEY_BASE
	not regex.match(`^[0-9a-fA-F]{128}$`, input.SECRET_KEY_BASE)
	msg := "SECRET_KEY_BASE is not 128 hex characters"
}
