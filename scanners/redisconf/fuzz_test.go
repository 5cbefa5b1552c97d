package redisconf_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/internal/fuzzcheck"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/redisconf"
)

// FuzzRedisConf goes through Parse, which follows no include: fuzzed include paths must not
// make the test read the machine's files.
func FuzzRedisConf(f *testing.F) {
	isConf := func(p string) bool {
		b := strings.ToLower(filepath.Base(p))
		return strings.HasPrefix(b, "redis") && strings.HasSuffix(b, ".conf")
	}
	for _, b := range fuzzcheck.SeedFiles(f, "../../fixtures", isConf) {
		f.Add(b)
	}
	for _, s := range []string{
		"",
		"\x00",
		"bind \xff\xfe\x00 -::1\n",
		"requirepass " + strings.Repeat("x", 10000),
		"requirepass \"unterminated\n",
		"requirepass 'unterminated",
		"requirepass \"a\"b\n",
		"requirepass \"\\x4\\xZZ\\x41\\\"\\\\\\",
		"rename-command 'it\\'s' '' \"\"\r\n",
		"  # comment\n\t\r\n   port 6379   \r\n",
		"include /etc/redis/*.conf\ninclude ../../*\ninclude *\n",
		"user default on nopass ~* &* +@all\n",
		"a\"b\"c 'x'y\n",
		strings.Repeat("\"", 3000),
	} {
		f.Add([]byte(s))
	}
	sc := redisconf.New()
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > fuzzcheck.MaxInput {
			return
		}
		maxLine := fuzzcheck.Lines(src) + 1
		doc := fuzzcheck.Twice(t, func() (*scanners.Document, error) { return sc.Parse("redis.conf", src) }, maxLine)
		if doc == nil {
			return
		}
		for i, d := range doc.Data.(map[string]any)["directives"].([]any) {
			m := d.(map[string]any)
			sp, ok := doc.Spans[scanners.PathKey("directives", i)]
			if !ok {
				t.Fatalf("directive %d has no span", i)
			}
			if m["line"] != sp.Key.Start.Line {
				t.Fatalf("directive %d: line %v, span at line %d", i, m["line"], sp.Key.Start.Line)
			}
			if name := m["name"].(string); name != strings.ToLower(name) {
				t.Fatalf("directive %d: name %q is not lower-case", i, name)
			}
			for j := range m["args"].([]any) {
				if _, ok := doc.Spans[scanners.PathKey("directives", i, "args", j)]; !ok {
					t.Fatalf("argument %d of directive %d has no span", j, i)
				}
			}
		}
	})
}
