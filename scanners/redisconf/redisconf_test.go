package redisconf_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/confine"
	"github.com/deploylint/deploylint/scanners/redisconf"
)

func directives(t *testing.T, src string) (*scanners.Document, []map[string]any) {
	t.Helper()
	doc, err := redisconf.New().Parse("redis.conf", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	for _, d := range doc.Data.(map[string]any)["directives"].([]any) {
		out = append(out, d.(map[string]any))
	}
	return doc, out
}

func TestDirectivesAndQuoting(t *testing.T) {
	src := "# requirepass foobared\n" +
		"  BIND 127.0.0.1 -::1  \n" +
		"\n" +
		"rename-command FLUSHALL \"\"\n" +
		"requirepass \"a b\\x41\\n\"\n" +
		"user app on 'it\\'s' ~*\n"
	doc, ds := directives(t, src)
	want := []struct {
		name string
		args []any
		line int
	}{
		{"bind", []any{"127.0.0.1", "-::1"}, 2},
		{"rename-command", []any{"FLUSHALL", ""}, 4},
		{"requirepass", []any{"a bA\n"}, 5},
		{"user", []any{"app", "on", "it's", "~*"}, 6},
	}
	if len(ds) != len(want) {
		t.Fatalf("got %v", ds)
	}
	for i, w := range want {
		if ds[i]["name"] != w.name || !reflect.DeepEqual(ds[i]["args"], w.args) || ds[i]["line"] != w.line {
			t.Errorf("directive %d = %v, want %+v", i, ds[i], w)
		}
	}
	sp := doc.Spans[scanners.PathKey("directives", 0)]
	if sp.Key != scanners.LineRange(2, 3, 7) || sp.Value != scanners.LineRange(2, 8, 22) {
		t.Errorf("bind span = %+v", sp)
	}
	if a := doc.Spans[scanners.PathKey("directives", 1, "args", 1)]; a.Key != scanners.LineRange(4, 25, 27) {
		t.Errorf("empty quoted arg span = %+v", a)
	}
}

func TestUnbalancedQuotes(t *testing.T) {
	for _, src := range []string{"port 1\nrequirepass \"s3cr3t\n", "requirepass 's3cr3t\n", "requirepass \"s3cr3t\"x\n"} {
		_, err := redisconf.New().Parse("redis.conf", []byte(src))
		var pe *scanners.ParseError
		if !errors.As(err, &pe) || strings.Contains(pe.Error(), "s3cr3t") {
			t.Errorf("%q: got %v", src, err)
		}
	}
}

func TestKindDetection(t *testing.T) {
	s := redisconf.New()
	if s.Match("redis/redis.conf") != scanners.MaybeMatch || s.Match("nginx.conf") != scanners.NoMatch {
		t.Error("Match")
	}
	if !s.Sniff([]byte("# Redis\nbind 127.0.0.1\nport 6379\n")) || s.Sniff([]byte("server {\n listen 80;\n}\n")) {
		t.Error("Sniff")
	}
}

func FuzzParse(f *testing.F) {
	for _, p := range []string{"../../../shared/corpus/laradock__laradock/redis/redis.conf", "../../fixtures/RDS001/bad/redis.conf"} {
		if b, err := os.ReadFile(filepath.Clean(p)); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("requirepass \"\\x4"))
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, err := redisconf.New().Parse("redis.conf", src)
		if err != nil {
			var pe *scanners.ParseError
			if !errors.As(err, &pe) || pe.Line < 1 {
				t.Fatalf("bad error %v", err)
			}
			return
		}
		lines := strings.Count(string(src), "\n") + 1
		for k, sp := range doc.Spans {
			if sp.Key.End.Line > lines || sp.Key.Start.Line < 1 {
				t.Fatalf("span %s outside the file: %+v", k, sp)
			}
		}
	})
}

func TestIncludesInsideTheRootOnly(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret.conf"), []byte("requirepass outside-secret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	relOut, err := filepath.Rel(root, filepath.Join(outside, "secret.conf"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"redis.conf":       "bind 0.0.0.0\ninclude conf.d/*.conf\ninclude " + relOut + "\ninclude /etc/redis/extra.conf\ninclude redis.conf\n",
		"conf.d/auth.conf": "requirepass fromincluded\ninclude ../redis.conf\n",
	}
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	src, _ := os.ReadFile(filepath.Join(root, "redis.conf"))
	doc, err := redisconf.New().ParseFile(scanners.Target{Path: filepath.Join(root, "redis.conf"), Rel: "redis.conf", Root: root}, src, confine.NewReader(confine.Options{}))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range doc.Data.(map[string]any)["directives"].([]any) {
		m := d.(map[string]any)
		names = append(names, m["name"].(string)+":"+strings.Join(func() []string {
			var a []string
			for _, x := range m["args"].([]any) {
				a = append(a, x.(string))
			}
			return a
		}(), ","))
	}
	got := strings.Join(names, " ")
	if !strings.Contains(got, "requirepass:fromincluded") || strings.Contains(got, "outside-secret") {
		t.Errorf("directives = %s", got)
	}
	if sp := doc.Spans[scanners.PathKey("directives", 2)]; sp.Path != "conf.d/auth.conf" || sp.Key.Start.Line != 1 {
		t.Errorf("included directive span = %+v", sp)
	}
}
