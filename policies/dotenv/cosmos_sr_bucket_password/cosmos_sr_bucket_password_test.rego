package deploylint.rules.dotenv.cosmos_sr_bucket_password_test

import data.deploylint.rules.dotenv.cosmos_sr_bucket_password
import data.deploylint.test.dotenv

test_both_release_lines if {
	r := cosmos_sr_bucket_password.deny with input as dotenv.env([["OPENC3_BUCKET_PASSWORD", "openc3miniopassword"], ["OPENC3_SR_BUCKET_PASSWORD", "scriptrunnerbucketpassword"]])
	{x.path | some x in r} == {["vars", 1, "value"]}
	count(cosmos_sr_bucket_password.deny) == 1 with input as dotenv.env([["OPENC3_SR_MINIO_PASSWORD", "scriptrunnerminiopassword"]])
}

test_changed_passes if {
	count(cosmos_sr_bucket_password.deny) == 0 with input as dotenv.env([["OPENC3_SR_BUCKET_PASSWORD", "openc3bucketpassword"]])
}
