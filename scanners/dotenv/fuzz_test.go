package dotenv_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/internal/fuzzcheck"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/dotenv"
)

func FuzzDotenv(f *testing.F) {
	isEnv := func(p string) bool {
		b := filepath.Base(p)
		return b == ".env" || strings.HasSuffix(b, ".env")
	}
	for _, dir := range []string{"../../fixtures", "testdata"} {
		for _, b := range fuzzcheck.SeedFiles(f, dir, isEnv) {
			f.Add(b)
		}
	}
	for _, s := range []string{
		"",
		"\x00",
		"A=\x00B\nC=\xff\xfe\n",
		"\uFEFF",
		"\uFEFFA=1",
		"A=" + strings.Repeat("x", 10000),
		"A=\"unterminated\nB=2\n",
		"A='unterminated",
		"A=\"a\\\"",
		"A=${",
		"A=${B:?required}\n",
		"A=${B:-${C:-${D:-${E}}}}\nF=$A$A$A\n",
		"A=1\r\nB=\"x\r\ny\"\r\n export C = 3 # c\r\n",
		"export\n",
		"export ",
		"=\n:\n",
		"A",
		"A B=1\n",
		"A=\"x\" B=2 # c\n",
		"A=\"\\0\\07\\0777\\x\\u00e9\\$B\"\n",
		"\u0085A\u00a0=\u2028\n",
		strings.Repeat("A=\"", 2000),
	} {
		f.Add([]byte(s))
	}
	sc := dotenv.New()
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > fuzzcheck.MaxInput {
			return
		}
		maxLine := fuzzcheck.Lines(src) + 1
		doc := fuzzcheck.Twice(t, func() (*scanners.Document, error) { return sc.Parse(".env", src) }, maxLine)
		if doc == nil {
			return
		}
		for _, c := range doc.Comments {
			if c.Line < 1 || c.Line > maxLine || c.Column < 1 {
				t.Fatalf("comment at %d:%d outside the input", c.Line, c.Column)
			}
		}
		vars := doc.Data.(map[string]any)["vars"].([]any)
		effective := 0
		for i, v := range vars {
			m := v.(map[string]any)
			sp, ok := doc.Spans[scanners.PathKey("vars", i)]
			if !ok {
				t.Fatalf("variable %d has no span", i)
			}
			if m["line"] != sp.Key.Start.Line {
				t.Fatalf("variable %d: line %v, span at line %d", i, m["line"], sp.Key.Start.Line)
			}
			if m["effective"].(bool) {
				effective++
				if doc.Env[m["name"].(string)].Value != m["value"] {
					t.Fatalf("variable %d: Env disagrees with data", i)
				}
			}
		}
		if effective != len(doc.Env) {
			t.Fatalf("%d effective variables, %d in Env", effective, len(doc.Env))
		}
	})
}
