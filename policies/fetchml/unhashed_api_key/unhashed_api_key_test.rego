package deploylint.rules.fetchml.unhashed_api_key_test

import data.deploylint.rules.fetchml.unhashed_api_key
import data.deploylint.test.fetchml

test_keys if {
	keys := {"alice": {"hash": "CHANGE_ME_alice_hash"}, "bob": "rawkey123", "carol": {"hash": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}, "erin": {"key_hash": "not-hex"}}
	r := unhashed_api_key.deny with input as fetchml.config({"auth": {"api_keys": keys}})
	{x.path[2] | some x in r} == {"bob", "erin"}
	not contains(concat(" ", [x.msg | some x in r]), "rawkey123")
}
