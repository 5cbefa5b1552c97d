package nginx_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/internal/fuzzcheck"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/nginx"
)

// FuzzNginx goes through Parse, which follows no include: fuzzed include paths must not make
// the test read the machine's files.
func FuzzNginx(f *testing.F) {
	isConf := func(p string) bool {
		b := filepath.Base(p)
		return strings.HasSuffix(b, ".conf") && !strings.HasPrefix(strings.ToLower(b), "redis")
	}
	for _, dir := range []string{"../../fixtures", "testdata"} {
		for _, b := range fuzzcheck.SeedFiles(f, dir, isConf) {
			f.Add(b)
		}
	}
	for _, s := range []string{
		"",
		"\x00",
		"\uFEFFhttp { server { listen 443 ssl; } }",
		"server_name \xff\xfe\x00;",
		"root " + strings.Repeat("x", 10000) + ";",
		"a \"unterminated;",
		"a 'unterminated\n}",
		"a \"x\"y;",
		"if ($a = \"b\") { return 301 https://$host$request_uri; }",
		"a ${b}{c} \\;\\{ x}y;",
		"}", ";", "{", "a", "a {", "a { b",
		"content_by_lua_block { local s = \"}\" -- }\n ngx.say('{') }",
		"content_by_lua_block { \"\\",
		"map $a $b { default 0; x { } }",
		strings.Repeat("a {", 500) + strings.Repeat("}", 500),
		strings.Repeat("location / { proxy_pass http://x; }\n", 200),
		"http {\r\n server {\r\n  listen [::1]:443 ssl http2 default_server;\r\n  listen unix:/x;\r\n  listen 127.0.0.1;\r\n  listen localhost:80;\r\n  ssl on;\r\n  add_header Strict-Transport-Security \"max-age=99999999999999999999\";\r\n  location /.well-known/acme-challenge/ { return 301 https://x; }\r\n  server { }\r\n }\r\n}\r\n",
		"stream { server { listen 1; } } mail { server { } } server { }",
		"a \"x\ny\" 'p\\\nq';\nb c\\\nd;",
	} {
		f.Add([]byte(s))
	}
	sc := nginx.New()
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > fuzzcheck.MaxInput {
			return
		}
		maxLine := fuzzcheck.Lines(src) + 1
		doc := fuzzcheck.Twice(t, func() (*scanners.Document, error) { return sc.Parse("nginx.conf", src) }, maxLine)
		if doc == nil {
			return
		}
		data := doc.Data.(map[string]any)
		directives := data["directives"].([]any)
		for k, d := range directives {
			sp, ok := doc.Spans[scanners.PathKey("directives", k)]
			if !ok {
				t.Fatalf("directive %d has no span", k)
			}
			if line := d.(map[string]any)["line"]; line != sp.Key.Start.Line {
				t.Fatalf("directive %d: line %v, span at line %d", k, line, sp.Key.Start.Line)
			}
		}
		// Rules follow these indexes into the directive list; a dangling one is a crash in Rego.
		for i, s := range data["servers"].([]any) {
			srv := s.(map[string]any)
			fuzzCheckIndex(t, fmt.Sprintf("server %d", i), srv["at"], len(directives))
			for _, l := range srv["listens"].([]any) {
				fuzzCheckIndex(t, fmt.Sprintf("listen of server %d", i), l.(map[string]any)["at"], len(directives))
			}
			for _, l := range srv["locations"].([]any) {
				fuzzCheckIndex(t, fmt.Sprintf("location of server %d", i), l.(map[string]any)["at"], len(directives))
			}
		}
	})
}

func fuzzCheckIndex(t *testing.T, what string, v any, n int) {
	t.Helper()
	if k, ok := v.(int); !ok || k < 0 || k >= n {
		t.Fatalf("%s points at directive %v of %d", what, v, n)
	}
}
