package deploylint.rules.dotenv.cosmos_bucket_password_test

import data.deploylint.rules.dotenv.cosmos_bucket_password

env(pairs) := {"kind": "dotenv", "data": {"vars": [v |
	some i, p in pairs
	v := {"name": p[0], "value": p[1], "line": i + 1, "quote": "none", "export": false, "effective": true}
]}}

test_both_release_defaults if {
	r := cosmos_bucket_password.deny with input as env([["OPENC3_BUCKET_PASSWORD", "openc3miniopassword"], ["OPENC3_SR_BUCKET_PASSWORD", "scriptrunnerbucketpassword"]])
	{x.severity | some x in r} == {"critical", "high"}
	count(r) == 2
}

test_changed_passes if {
	count(cosmos_bucket_password.deny) == 0 with input as env([["OPENC3_BUCKET_PASSWORD", "openc3password"], ["OPENC3_BUCKET_USERNAME", "openc3bucketpassword"]])
}
