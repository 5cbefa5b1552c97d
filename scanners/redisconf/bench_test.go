package redisconf_test

import (
	"testing"

	"github.com/deploylint/deploylint/internal/benchparse"
	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/redisconf"
)

// BenchmarkParseRedisConf parses the fullest redis.conf among the fixtures (bind, requirepass,
// two rename-command lines). Fixture files are a few lines long, so this measures the cost per
// file more than per byte; the harness in bench/ scans 50-line files.
func BenchmarkParseRedisConf(b *testing.B) {
	s := redisconf.New()
	benchparse.Run(b, "../../fixtures/RDS003/good/redis.conf",
		func(src []byte) (*scanners.Document, error) { return s.Parse("redis.conf", src) }, nil)
}
