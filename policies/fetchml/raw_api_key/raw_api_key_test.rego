package deploylint.rules.fetchml.raw_api_key_test

import data.deploylint.rules.fetchml.raw_api_key
import data.deploylint.test.fetchml

test_keys if {
	keys := {"alice": {"hash": "CHANGE_ME_alice_hash"}, "bob": "rawkey123", "carol": {"hash": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}, "dave": {"hash": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}}
	r := raw_api_key.deny with input as fetchml.config({"auth": {"api_keys": keys}})
	{x.path[2] | some x in r} == {"alice", "carol"} # bob's raw key is FML005's
	not contains(concat(" ", [x.msg | some x in r]), "rawkey123")
}
