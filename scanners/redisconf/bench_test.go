package redisconf_test

import (
	"os"
	"testing"

	"github.com/deploylint/deploylint/scanners/redisconf"
)

// BenchmarkParseRedisConf parses the fullest redis.conf among the fixtures (bind, requirepass,
// two rename-command lines). Fixture files are a few lines long, so this measures the cost per
// file more than per byte; the harness in bench/ scans 50-line files.
func BenchmarkParseRedisConf(b *testing.B) {
	src := benchRead(b, "../../fixtures/RDS003/good/redis.conf")
	s := redisconf.New()
	if _, err := s.Parse("redis.conf", src); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := s.Parse("redis.conf", src); err != nil {
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
