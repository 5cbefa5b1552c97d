package nginx_test

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/confine"
	"github.com/deploylint/deploylint/scanners/nginx"
)

func TestEffectiveServers(t *testing.T) {
	src := "http {\n" + // 1
		"  ssl_protocols TLSv1 TLSv1.2;\n" + // 2
		"  add_header X-Frame-Options DENY;\n" + // 3
		"  server {\n" + // 4
		"    listen 127.0.0.1:8443 ssl;\n" + // 5
		"    add_header Strict-Transport-Security \"max-age=63072000\";\n" + // 6
		"    location /.well-known/acme-challenge/ { root /var/www; }\n" + // 7
		"    location / { return 301 https://$host$request_uri; }\n" + // 8
		"  }\n" + // 9
		"  server { listen 80; ssl_protocols TLSv1.3; }\n" + // 10
		"}\n"
	doc, err := nginx.New().Parse("nginx.conf", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	servers := scanners.Plain(doc.Data).(map[string]any)["servers"].([]any)
	if len(servers) != 2 {
		t.Fatalf("servers = %v", servers)
	}
	s0 := servers[0].(map[string]any)
	l := s0["listens"].([]any)[0].(map[string]any)
	if l["address"] != "127.0.0.1" || l["port"] != "8443" || l["ssl"] != true || l["loopback"] != true {
		t.Errorf("listen = %v", l)
	}
	dirs := scanners.Plain(doc.Data).(map[string]any)["directives"].([]any)
	line := func(v any) int { return dirs[v.(int)].(map[string]any)["line"].(int) }
	if line(s0["ssl_protocols"]) != 2 || line(s0["hsts"]) != 6 || s0["hsts_max_age"] != 63072000 {
		t.Errorf("server 0 inherits ssl_protocols from line 2 and sets HSTS on line 6: %v", s0)
	}
	locs := s0["locations"].([]any)
	if locs[0].(map[string]any)["acme"] != true || locs[1].(map[string]any)["redirects_to_https"] != true {
		t.Errorf("locations = %v", locs)
	}
	s1 := servers[1].(map[string]any)
	if line(s1["ssl_protocols"]) != 10 || s1["hsts"] != nil {
		t.Errorf("server 1 overrides ssl_protocols and has no HSTS: %v", s1)
	}
}

func TestParseErrorsAtNginxLines(t *testing.T) {
	for file, line := range map[string]int{
		"missing-semicolon.conf": 5, "unclosed-block.conf": 5, "unterminated-quote.conf": 7,
		"extra-brace.conf": 4, "glued-quote.conf": 5,
	} {
		src, err := os.ReadFile(filepath.Join("testdata", file))
		if err != nil {
			t.Fatal(err)
		}
		_, err = nginx.New().Parse(file, src)
		var pe *scanners.ParseError
		if !errors.As(err, &pe) || pe.Line != line {
			t.Errorf("%s: got %v, want a parse error on line %d", file, err, line)
		}
	}
}

// TestNestingIsBounded: every directive carries its whole context, so the data grows with the
// square of the nesting depth; FuzzNginx's "a{a{a{…" took gigabytes before the bound.
func TestNestingIsBounded(t *testing.T) {
	deep := func(n int) []byte {
		return []byte(strings.Repeat("location / {\n", n) + strings.Repeat("}\n", n))
	}
	if _, err := nginx.New().Parse("nginx.conf", deep(100)); err != nil {
		t.Fatalf("100 levels: %v", err)
	}
	_, err := nginx.New().Parse("nginx.conf", deep(101))
	var pe *scanners.ParseError
	if !errors.As(err, &pe) || pe.Line != 101 || pe.Column != 12 {
		t.Fatalf("101 levels: got %v, want a parse error at the 101st \"{\" (101:12)", err)
	}
}

// TestNameOverLines: a name with an escaped or quoted newline ends on a later line than it
// starts; its span used to end on its first line, before its start (found by FuzzNginx).
func TestNameOverLines(t *testing.T) {
	doc, err := nginx.New().Parse("nginx.conf", []byte("   a\\\nb c;\n  \"x\ny\" {}\n"))
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range []scanners.Range{
		{Start: scanners.Position{Line: 1, Column: 4}, End: scanners.Position{Line: 2, Column: 2}},
		{Start: scanners.Position{Line: 3, Column: 3}, End: scanners.Position{Line: 4, Column: 3}},
	} {
		if sp, _ := doc.Span([]any{"directives", k}); sp.Key != want {
			t.Errorf("directive %d: span %+v, want %+v", k, sp.Key, want)
		}
	}
}

// TestManyLocations: a server's children are looked up, not searched for among every later
// directive (which made thousands of locations take seconds); each location still sees its own.
func TestManyLocations(t *testing.T) {
	var b strings.Builder
	b.WriteString("server {\n")
	for i := range 3000 {
		fmt.Fprintf(&b, "location /%d { proxy_pass http://u%d; }\n", i, i)
	}
	b.WriteString("location /last { return 301 https://x; }\n}\n")
	doc, err := nginx.New().Parse("nginx.conf", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	ds := scanners.Plain(doc.Data).(map[string]any)["directives"].([]any)
	locs := scanners.Plain(doc.Data).(map[string]any)["servers"].([]any)[0].(map[string]any)["locations"].([]any)
	if len(locs) != 3001 {
		t.Fatalf("%d locations", len(locs))
	}
	for i, l := range locs[:3000] {
		pp := ds[l.(map[string]any)["proxy_pass"].(int)].(map[string]any)["args"].([]any)[0]
		if pp != fmt.Sprintf("http://u%d", i) {
			t.Fatalf("location %d: proxy_pass %v", i, pp)
		}
	}
	if last := locs[3000].(map[string]any); last["redirects_to_https"] != true || last["proxy_pass"] != nil {
		t.Errorf("last location = %v", last)
	}
}

// nginxSyntax matches the messages nginx gives for grammar errors (not unknown directives or
// misplaced ones, which stop nginx before it reads further).
var (
	nginxErr    = regexp.MustCompile(`\[emerg\] [0-9#]*: (.*) in (.*):(\d+)`)
	syntaxWords = regexp.MustCompile(`unexpected|unterminated|unbalanced|expecting`)
)

// confFiles lists the nginx-syntax files to compare: testdata, the nginx fixtures, and the
// corpus (two nginx analysers' test suites among them).
func confFiles(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, root := range []string{"testdata", "../../fixtures", "../../../shared/corpus"} {
		_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil || !d.Type().IsRegular() || !strings.HasSuffix(p, ".conf") {
				return nil //nolint:nilerr // an absent corpus is fine
			}
			if strings.Contains(filepath.Base(p), "redis") {
				return nil
			}
			out = append(out, p)
			return nil
		})
	}
	return out
}

// TestAgainstNginx runs `nginx -t` on every file (wrapped in events/http on the first line
// when it is a snippet, so line numbers do not move): when nginx names a syntax error,
// deploylint reports a parse error at the same line; when nginx stops earlier for another
// reason or accepts the file, deploylint must not report a syntax error before that point.
func TestAgainstNginx(t *testing.T) {
	bin, err := exec.LookPath("nginx")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("nginx not installed (apt-get install nginx-core); required in CI")
		}
		t.Skip("nginx not installed: apt-get install nginx-core to run this test")
	}
	files := confFiles(t)
	if len(files) < 10 {
		t.Fatalf("only %d files", len(files))
	}
	agree := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(src)
		prefix := ""
		if !regexp.MustCompile(`(?m)^\s*events\s*\{`).MatchString(text) {
			prefix = "events {} "
		}
		if !regexp.MustCompile(`(?m)^\s*http\s*\{`).MatchString(text) {
			prefix += "http { "
			text += "\n}"
		}
		dir := t.TempDir()
		if err := os.MkdirAll(filepath.Join(dir, "logs"), 0o755); err != nil {
			t.Fatal(err)
		}
		conf := filepath.Join(dir, "nginx.conf")
		if err := os.WriteFile(conf, []byte(prefix+text), 0o600); err != nil {
			t.Fatal(err)
		}
		out, _ := exec.Command(bin, "-t", "-q", "-e", "stderr", "-p", dir, "-c", conf).CombinedOutput()
		nginxLine, nginxSyntax := 0, false
		if m := nginxErr.FindStringSubmatch(string(out)); m != nil && m[2] == conf {
			nginxLine, _ = strconv.Atoi(m[3])
			nginxSyntax = syntaxWords.MatchString(m[1])
		}
		_, perr := nginx.New().Parse(f, src)
		var pe *scanners.ParseError
		ours := 0
		if errors.As(perr, &pe) {
			ours = pe.Line
		}
		switch {
		case nginxSyntax && ours != nginxLine:
			t.Errorf("%s: nginx syntax error at line %d (%s), deploylint at %d (%v)", f, nginxLine, strings.TrimSpace(string(out)), ours, perr)
		case !nginxSyntax && ours != 0 && (nginxLine == 0 || ours < nginxLine):
			t.Errorf("%s: deploylint reports a syntax error at line %d (%v) where nginx finds none (nginx: %s)", f, ours, perr, strings.TrimSpace(string(out)))
		default:
			agree++
		}
	}
	t.Logf("%d of %d files agree with nginx -t", agree, len(files))
}

func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.conf")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, err := nginx.New().Parse("nginx.conf", src)
		if err != nil {
			var pe *scanners.ParseError
			if !errors.As(err, &pe) || pe.Line < 1 {
				t.Fatalf("unpositioned error %v", err)
			}
			return
		}
		lines := strings.Count(string(src), "\n") + 1
		for k, sp := range doc.Spans {
			if sp.Key.Start.Line > lines {
				t.Fatalf("span %s beyond the file: %+v", k, sp)
			}
		}
		for k, sp := range doc.Lists[scanners.PathKey("directives")] {
			if sp.Key.Start.Line > lines {
				t.Fatalf("span of directive %d beyond the file: %+v", k, sp)
			}
		}
	})
}

// TestIncludesInContext: a conf.d file included by nginx.conf inherits the http-level
// settings and is not judged again on its own; includes outside the root are noted, never read.
func TestIncludesInContext(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "x.conf"), []byte("ssl_protocols SSLv3;\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	rel, _ := filepath.Rel(root, filepath.Join(outside, "x.conf"))
	if err := os.MkdirAll(filepath.Join(root, "conf.d"), 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"nginx.conf":       "events {}\nhttp {\n  ssl_protocols TLSv1.2;\n  include /etc/nginx/conf.d/*.conf;\n  include " + rel + ";\n}\n",
		"conf.d/site.conf": "server {\n  listen 443 ssl;\n}\n",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(name)), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	src, _ := os.ReadFile(filepath.Join(root, "nginx.conf"))
	doc, err := nginx.New().ParseFile(scanners.Target{Path: filepath.Join(root, "nginx.conf"), Rel: "nginx.conf", Root: root}, src, confine.NewReader(confine.Options{}))
	if err != nil {
		t.Fatal(err)
	}
	data := scanners.Plain(doc.Data).(map[string]any)
	servers := data["servers"].([]any)
	if len(servers) != 1 || servers[0].(map[string]any)["ssl_protocols"] == nil {
		t.Fatalf("the included server must inherit http's ssl_protocols: %v", servers)
	}
	if fmt.Sprint(doc.Consumed) != "[conf.d/site.conf]" {
		t.Errorf("consumed = %v", doc.Consumed)
	}
	if strings.Contains(fmt.Sprint(data["directives"]), "SSLv3") || len(data["include_notes"].([]any)) != 1 {
		t.Errorf("outside include: directives %v notes %v", data["directives"], data["include_notes"])
	}
	l := servers[0].(map[string]any)["listens"].([]any)[0].(map[string]any)
	if sp, _ := doc.Span([]any{"directives", l["at"]}); sp.Path != "conf.d/site.conf" || sp.Key.Start.Line != 2 {
		t.Errorf("listen span = %+v", sp)
	}
}

// TestRefusingServers: a return of 444 or an error status answers with no content, at server
// level (before any location is chosen) or in a location; a redirect or a 200 does not refuse.
func TestRefusingServers(t *testing.T) {
	src := "server { listen 80 default_server; server_name _; return 444; }\n" +
		"server { listen 80; location / { return 403; } location /x { return 200 ok; } }\n" +
		"server { listen 80; if ($host = a) { return 444; } location / { root /srv; } }\n"
	doc, err := nginx.New().Parse("conf.d/default.conf", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	servers := scanners.Plain(doc.Data).(map[string]any)["servers"].([]any)
	var got []string
	for _, sv := range servers {
		s := sv.(map[string]any)
		desc := fmt.Sprint(s["refuses"])
		for _, l := range s["locations"].([]any) {
			desc += fmt.Sprint(" ", l.(map[string]any)["refuses"])
		}
		got = append(got, desc)
	}
	if want := "true|false true false|false false"; strings.Join(got, "|") != want {
		t.Errorf("refuses = %q, want %q", strings.Join(got, "|"), want)
	}
}

// TestTemplatesAreNginxFiles: templates and *.conf files anywhere, and extensionless files of
// nginx folders, are sniffed for nginx syntax; samples and other files are not read.
func TestTemplatesAreNginxFiles(t *testing.T) {
	sc := nginx.New()
	for rel, want := range map[string]scanners.NameMatch{
		"nginx.conf.tpl":                                   scanners.MaybeMatch,
		"templates/default.conf.template":                  scanners.MaybeMatch,
		"deploy/site.conf.tpl":                             scanners.MaybeMatch,
		"deploy/site.conf":                                 scanners.MaybeMatch,
		"packages/adminrouter/extra/src/nginx.master.conf": scanners.MaybeMatch,
		"etc/nginx/sites-available/default":                scanners.MaybeMatch,
		"nginx/templates/default.conf.sample":              scanners.NoMatch,
		"nginx/README.md":                                  scanners.NoMatch,
		"deploy/Makefile":                                  scanners.NoMatch,
	} {
		if got := sc.Match(rel); got != want {
			t.Errorf("Match(%q) = %v, want %v", rel, got, want)
		}
	}
}

// TestLookupFacts: by_name lists each name's directives in order, and every proxy_pass
// carries the proxy_ssl_verify nginx applies to it: its own block's, else the nearest
// enclosing block's, else none.
func TestLookupFacts(t *testing.T) {
	src := "http {\n" +
		"  server {\n" +
		"    proxy_ssl_verify on;\n" +
		"    location /a { proxy_pass https://a; }\n" +
		"    location /b { proxy_ssl_verify off; proxy_pass https://b; }\n" +
		"  }\n" +
		"  server { location / { proxy_pass https://c; } }\n" +
		"}\n"
	doc, err := nginx.New().Parse("nginx.conf", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	data := scanners.Plain(doc.Data).(map[string]any)
	ds := data["directives"].([]any)
	// what names directive k by its name and first argument.
	what := func(k any) string {
		if k == nil {
			return "none"
		}
		d := ds[k.(int)].(map[string]any)
		return d["name"].(string) + " " + d["args"].([]any)[0].(string)
	}
	byName := data["by_name"].(map[string]any)
	for name, want := range map[string]int{"proxy_pass": 3, "proxy_ssl_verify": 2, "server": 2, "http": 1} {
		ks, _ := byName[name].([]any)
		if len(ks) != want {
			t.Errorf("by_name[%s] = %v, want %d directives", name, ks, want)
		}
		for j, k := range ks {
			if got := ds[k.(int)].(map[string]any)["name"]; got != name {
				t.Errorf("by_name[%s] lists directive %v, a %v", name, k, got)
			}
			if j > 0 && k.(int) <= ks[j-1].(int) {
				t.Errorf("by_name[%s] = %v: not in order", name, ks)
			}
		}
	}
	if _, ok := byName["autoindex"]; ok {
		t.Error("by_name lists a name no directive has")
	}
	want := map[string]string{"proxy_pass https://a": "proxy_ssl_verify on", "proxy_pass https://b": "proxy_ssl_verify off", "proxy_pass https://c": "none"}
	for _, k := range byName["proxy_pass"].([]any) {
		if got := what(ds[k.(int)].(map[string]any)["proxy_ssl_verify"]); got != want[what(k)] {
			t.Errorf("%s: proxy_ssl_verify in force is %s, want %s", what(k), got, want[what(k)])
		}
	}
}
