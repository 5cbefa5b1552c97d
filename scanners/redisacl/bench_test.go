package redisacl_test

import (
	"testing"

	"github.com/deploylint/deploylint/internal/benchparse"
	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/redisacl"
)

// BenchmarkParseRedisACL parses the users.acl COSMOS ships (five users, selectors of keys and
// channels, categories checked against the command table). The command table is read once, in
// New, as a scan does.
func BenchmarkParseRedisACL(b *testing.B) {
	s := redisacl.New()
	benchparse.Run(b, "../../fixtures/stacks/cosmos-default/openc3-redis/users.acl",
		func(src []byte) (*scanners.Document, error) { return s.Parse("users.acl", src) }, nil)
}
