package deploylint.rules.dotenv.cosmos_bucket_password_test

import data.deploylint.rules.dotenv.cosmos_bucket_password
import data.deploylint.test.dotenv

# The script-runner accounts are ENV012's.
test_both_release_defaults if {
	r := cosmos_bucket_password.deny with input as dotenv.env([["OPENC3_BUCKET_PASSWORD", "openc3miniopassword"], ["OPENC3_SR_BUCKET_PASSWORD", "scriptrunnerbucketpassword"]])
	{x.path | some x in r} == {["vars", 0, "value"]}
	count(cosmos_bucket_password.deny) == 1 with input as dotenv.env([["OPENC3_BUCKET_PASSWORD", "openc3bucketpassword"]])
}

test_changed_passes if {
	count(cosmos_bucket_password.deny) == 0 with input as dotenv.env([["OPENC3_BUCKET_PASSWORD", "openc3password"], ["OPENC3_BUCKET_USERNAME", "openc3bucketpassword"]])
}

# COSMOS 5.0's names for the same accounts.
test_v5_0_minio_names if {
	r := cosmos_bucket_password.deny with input as dotenv.env([["OPENC3_MINIO_PASSWORD", "openc3miniopassword"], ["OPENC3_SR_MINIO_PASSWORD", "scriptrunnerminiopassword"], ["OPENC3_MINIO_USERNAME", "openc3minio"]])
	{x.path | some x in r} == {["vars", 0, "value"]}
}
