package deploylint.rules.files.committed_secret_test

import data.deploylint.rules.files.committed_secret
import data.deploylint.test.dotenv

# env is a .env holding DB_PASSWORD=value, with git's view of it.
env(git, value) := object.union(dotenv.env([["DB_PASSWORD", value]]), {"git": git})

test_tracked_with_secrets if {
	r := committed_secret.deny with input as env({"tracked": true, "ignored": false}, "Vd8tq2Lw9Zr4Xk1p")
	some x in r
	contains(x.msg, "tracked by git")
}

test_not_ignored if {
	r := committed_secret.deny with input as env({"tracked": false, "ignored": false}, "Vd8tq2Lw9Zr4Xk1p")
	some x in r
	contains(x.msg, "not covered by .gitignore")
}

test_ignored_placeholder_or_outside_git_passes if {
	count(committed_secret.deny) == 0 with input as env({"tracked": false, "ignored": true}, "Vd8tq2Lw9Zr4Xk1p")
	count(committed_secret.deny) == 0 with input as env({"tracked": true, "ignored": false}, "CHANGE_ME")
	count(committed_secret.deny) == 0 with input as dotenv.env([["DB_PASSWORD", "x"]])
}

# A tracked private key always holds a secret; a tracked DC/OS configuration when its parser
# found credentials in it.
test_keys_and_found_secrets if {
	count(committed_secret.deny) == 1 with input as {"kind": "private-key", "path": "k.pem", "data": {}, "git": {"tracked": true, "ignored": false}}
	cfg := {"kind": "dcos-config", "path": "genconf/config.yaml", "data": {}, "git": {"tracked": true, "ignored": false}}
	count(committed_secret.deny) == 1 with input as object.union(cfg, {"holds_secrets": true})
	count(committed_secret.deny) == 0 with input as object.union(cfg, {"holds_secrets": false})
}
