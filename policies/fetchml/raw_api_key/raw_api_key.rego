# METADATA
# title: API key stored raw or as a placeholder
# description: |
#   auth.api_keys must hold SHA-256 hashes (64 hexadecimal characters), never raw keys. A CHANGE_ME placeholder left from the shipped config lets nobody (or anyone who guesses the placeholder) in; the SHA-256 of the empty string accepts an empty key. Any other value that is not 64 hex characters is likely a raw key: FML005's.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/FML002.md
#     description: rule documentation
#   - ref: https://github.com/jfraeys/fetch_ml
#     description: FetchML (security guide in docs/)
# custom:
#   id: FML002
#   severity: critical
#   kinds: [fetchml-api]
#   remediation: >-
#     Generate a key, store only its SHA-256 (echo -n KEY | sha256sum) as the user's hash, and hand the key to the user.
#   guide: 'FetchML security guide: "Stores SHA256 hashes of API keys (never raw keys)" and the shipped configs "intentionally contain CHANGE_ME_ placeholders"'
package deploylint.rules.fetchml.raw_api_key

import data.deploylint.lib.fetchml
import data.deploylint.lib.result

empty_sha := "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

deny contains result.at(path, sprintf("API key of %s is a CHANGE_ME placeholder: generate a key and store its SHA-256", [path[2]])) if {
	some [path, v] in fetchml.api_key_hashes
	contains(upper(v), "CHANGE_ME")
}

deny contains result.at(path, sprintf("API key of %s is the SHA-256 of the empty string: an empty key would be accepted", [path[2]])) if {
	some [path, v] in fetchml.api_key_hashes
	lower(v) == empty_sha
}
