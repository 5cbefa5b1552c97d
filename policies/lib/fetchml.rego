# METADATA
# title: FetchML helpers
# description: Values of the FetchML API server configuration that several rules judge.
package deploylint.lib.fetchml

# api_key_hashes lists [path, value] of every key hash, whether written user: HASH or user:
# {hash: HASH} (FML002 and FML005 judge them).
api_key_hashes contains [["auth", "api_keys", user], v] if {
	some user, v in input.data.auth.api_keys
	is_string(v)
}

api_key_hashes contains [["auth", "api_keys", user, k], v] if {
	some user, entry in input.data.auth.api_keys
	is_object(entry)
	some k in ["hash", "api_key_hash", "key_hash", "sha256"]
	v := entry[k]
	is_string(v)
}
