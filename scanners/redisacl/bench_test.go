package redisacl_test

import (
	"os"
	"testing"

	"github.com/deploylint/deploylint/scanners/redisacl"
)

// BenchmarkParseRedisACL parses the users.acl COSMOS ships (five users, selectors of keys and
// channels, categories checked against the command table). The command table is read once, in
// New, as a scan does.
func BenchmarkParseRedisACL(b *testing.B) {
	src := benchRead(b, "../../fixtures/stacks/cosmos-default/openc3-redis/users.acl")
	s := redisacl.New()
	if _, err := s.Parse("users.acl", src); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := s.Parse("users.acl", src); err != nil {
			b.Fatal(err)
		}
	}
}

func benchRead(b *testing.B, p string) []byte {
	b.Helper()
	src, err := os.ReadFile(p)
	if err != nil {
		b.Fatal(err)
	}
	return src
}
