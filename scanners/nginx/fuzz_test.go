package nginx_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/internal/fuzzcheck"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/confine"
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
		data := scanners.Plain(doc.Data).(map[string]any)
		directives := data["directives"].([]any)
		for k, d := range directives {
			sp, ok := doc.Span([]any{"directives", k})
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

// FuzzNginxSharedInclude: a file included by two others through the scan's cache gives each
// includer the document it gets without the cache, in either order: the cached parse is
// shared, never changed by one includer's inlining.
func FuzzNginxSharedInclude(f *testing.F) {
	for _, s := range []string{
		"add_header X-A on;",
		"location / { proxy_pass http://x; include /etc/nginx/snippets/*.inc; }",
		"ssl_protocols TLSv1; server { listen 80; }",
		"a {",
		"proxy_set_header Authorization \"Basic dXNlcjpwYXNz\";",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, snippet []byte) {
		if len(snippet) > fuzzcheck.MaxInput {
			return
		}
		root := t.TempDir()
		write := func(rel string, b []byte) string {
			p := filepath.Join(root, filepath.FromSlash(rel))
			if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, b, 0o600); err != nil {
				t.Fatal(err)
			}
			return p
		}
		write("nginx/snippets/a.inc", snippet)
		mains := []string{"nginx/sites-enabled/one.conf", "nginx/sites-enabled/two.conf"}
		for i, m := range mains {
			write(m, fmt.Appendf(nil, "server {\n  listen %d;\n  include ../snippets/*.inc;\n}\n", 80+i))
		}
		parse := func(r *confine.Reader, rel string) string {
			t.Helper()
			p := filepath.Join(root, filepath.FromSlash(rel))
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := nginx.New().ParseFile(scanners.Target{Path: p, Rel: rel, Root: root}, src, r)
			if err != nil {
				return "error: " + err.Error()
			}
			b, err := json.Marshal([]any{doc.Data, doc.Spans, doc.Lists, doc.Secrets, doc.Consumed})
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
		cached := confine.NewReader(confine.Options{}).WithCache(confine.NewCache())
		for _, order := range [][]int{{0, 1}, {1, 0}} {
			for _, i := range order {
				want := parse(confine.NewReader(confine.Options{}), mains[i])
				if got := parse(cached, mains[i]); got != want {
					t.Fatalf("%s through the cache:\n%s\nwithout:\n%s", mains[i], got, want)
				}
			}
		}
	})
}
