package redisconf_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/deploylint/deploylint/internal/redistest"
	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/redisconf"
)

// TestQuotingAgainstRedisServer writes each argument spelling into a real redis.conf: the
// server refuses the file iff deploylint reports a parse error, and otherwise holds exactly the
// value deploylint read (CONFIG GET).
func TestQuotingAgainstRedisServer(t *testing.T) {
	bin := redistest.Require(t)
	for _, raw := range []string{
		`plain`, `"double quoted"`, `'single quoted'`, `"esc \"q\" \\ \n\t\x41"`, `'it\'s'`, `""`,
		`"unterminated`, `'unterminated`, `"closed"glued`, `mid"dle quoted"`, `a\x41`, `"\xZZ"`,
	} {
		t.Run(raw, func(t *testing.T) {
			conf := "port 6379\nmasterauth " + raw + "\n"
			p := filepath.Join(t.TempDir(), "redis.conf")
			if err := os.WriteFile(p, []byte(conf), 0o600); err != nil {
				t.Fatal(err)
			}
			doc, perr := redisconf.New().Parse("redis.conf", []byte(conf))
			srv, started := redistest.Start(t, bin, []string{p}, nil)
			var pe *scanners.ParseError
			if started == (perr != nil) || (perr != nil && !errors.As(perr, &pe)) {
				t.Fatalf("redis-server started=%v, deploylint error=%v", started, perr)
			}
			if !started {
				return
			}
			got, err := srv.Do("CONFIG", "GET", "masterauth")
			if err != nil {
				t.Fatal(err)
			}
			ours := doc.Data.(map[string]any)["directives"].([]any)[1].(map[string]any)["args"].([]any)
			if len(ours) != 1 || got.([]any)[1] != ours[0] {
				t.Errorf("server holds %q, deploylint read %q", got.([]any)[1], ours)
			}
		})
	}
}
