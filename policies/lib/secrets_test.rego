package deploylint.lib.secrets_test

import data.deploylint.lib.secrets

test_secret_names if {
	secrets.is_secret_name("OPENC3_REDIS_PASSWORD")
	secrets.is_secret_name("api_key")
	secrets.is_secret_name("POSTGRES_PW")
	not secrets.is_secret_name("OPENC3_REDIS_USERNAME")
	not secrets.is_secret_name("SECRET_KEY_BASE")
}

test_placeholders if {
	secrets.is_placeholder("")
	secrets.is_placeholder("CHANGE_ME_redis")
	secrets.is_placeholder("changeit")
	secrets.is_placeholder("<your password>")
	secrets.is_placeholder("your-token")
	not secrets.is_placeholder("Xk3!pQ9vLm2#")
}

# A long value is content, not a stand-in, whatever it starts with.
test_long_value_is_no_placeholder if {
	secrets.is_placeholder(concat("", ["changeme-", concat("", ["a" | some _ in numbers.range(1, 247)])]))
	not secrets.is_placeholder(concat("", ["changeme-", concat("", ["a" | some _ in numbers.range(1, 248)])]))
}

test_known_defaults if {
	secrets.is_known_default("openc3password")
	secrets.is_known_default("minioadmin")
	secrets.is_known_default("12345678")
	not secrets.is_known_default("")
	not secrets.is_known_default("Xk3!pQ9vLm2#")
}

# The keys are lowercase hex, as Redis writes #<sha256> in users.acl.
test_default_hashes if {
	every sha256, password in {
		"022bd57403439b2a3ec0c081cdd35d40a199bbd4ee6fc0e5113edd4fe1c10071": "openc3password",
		"749f09bade8aca755660eeb17792da880218d4fbdc4e25fbec279d7fe9f65d70": "adminpassword",
		"8c6976e5b5410415bde908bd4dee15dfb167a9c873fc4bb8a81f6f2ab448a918": "admin",
		"e808c74e210256ee7cf3ec165271544167de776d526f7fa94243e5cdcc08b0c1": "scriptrunnerpassword",
	} {
		secrets.default_sha256[sha256] == password
	}
}

# any_of matches what one of its patterns matches, each with its own flags, and nothing when
# there is no pattern.
test_any_of if {
	p := secrets.any_of(["^a$", "(?i)^b$"])
	regex.match(p, "a")
	regex.match(p, "B")
	not regex.match(p, "A")
	not regex.match(p, "ab")
	not regex.match(secrets.any_of([]), "")
	not regex.match(secrets.any_of([]), "anything")
}
