# METADATA
# title: API key stored raw
# description: |
#   auth.api_keys must hold SHA-256 hashes (64 hexadecimal characters), never raw keys. A value
#   that is neither a CHANGE_ME placeholder nor 64 hex characters is likely the key itself:
#   whoever reads the file can use it. Split from FML002 (critical), which reports placeholders
#   and the hash of the empty key.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/FML005.md
#     description: rule documentation
#   - ref: https://github.com/jfraeys/fetch_ml
#     description: FetchML (security guide in docs/)
# custom:
#   id: FML005
#   severity: high
#   kinds: [fetchml-api]
#   split_from: FML002
#   remediation: >-
#     Generate a key (openssl rand -hex 32), give it to the client, and store only its SHA-256 (printf '%s' KEY | sha256sum) in auth.api_keys.
#   guide: 'FetchML security guide: "Stores SHA256 hashes of API keys (never raw keys)" and the shipped configs "intentionally contain CHANGE_ME_ placeholders"'
package deploylint.rules.fetchml.unhashed_api_key

import data.deploylint.lib.fetchml
import data.deploylint.lib.result

deny contains result.at(path, sprintf("API key of %s is not a SHA-256 hash (64 hex characters): store the hash, never the key", [path[2]])) if {
	some [path, v] in fetchml.api_key_hashes
	not contains(upper(v), "CHANGE_ME")
	not regex.match(`^[0-9a-fA-F]{64}$`, v)
}
