package scan_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/scan"
	"github.com/deploylint/deploylint/scanners/builtin"
)

// TestComposeParseErrorAtTheMistake: a compose file that does not parse is one META001 at
// the line and column of the mistake, whose message says how to check a compose file and
// shows no secret of the file.
func TestComposeParseErrorAtTheMistake(t *testing.T) {
	for name, c := range map[string]struct {
		src       string
		line, col int
	}{
		"unclosed quote": {"services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: \"Xk29-vault-Qm7\n", 4, 26},
		"list expected":  {"services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: Xk29-vault-Qm7\n    volumes:\n      data: /var/lib/postgresql\n", 6, 5},
	} {
		root := t.TempDir()
		writeFile(t, filepath.Join(root, "compose.yaml"), c.src)
		res := scanTree(t, root)
		if len(res.Findings) != 1 {
			t.Fatalf("%s: got %+v, want one META001", name, res.Findings)
		}
		f := res.Findings[0]
		if f.RuleID != "META001" || f.Range.Start.Line != c.line || f.Range.Start.Column != c.col {
			t.Errorf("%s: %s at %d:%d, want META001 at %d:%d", name, f.RuleID, f.Range.Start.Line, f.Range.Start.Column, c.line, c.col)
		}
		if k, _ := builtin.Registry().Lookup("compose"); !strings.HasSuffix(f.Message, "; "+k.ParseFix) || !strings.Contains(k.ParseFix, "docker compose config") {
			t.Errorf("%s: the message gives no compose fix: %s", name, f.Message)
		}
		if strings.Contains(f.Message, "Xk29") {
			t.Errorf("%s: the message shows the password: %s", name, f.Message)
		}
	}
}

// TestParseErrorInAnOverrideFile: a mistake in compose.override.yaml, which is parsed as part
// of compose.yaml, is reported in the override file, at its line.
func TestParseErrorInAnOverrideFile(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "compose.yaml"), "services:\n  web:\n    image: nginx:1.27\n")
	writeFile(t, filepath.Join(root, "compose.override.yaml"), "services:\n  web:\n    ports:\n\t- \"8080:80\"\n")
	res := scanTree(t, root)
	if len(res.Findings) != 1 || res.Findings[0].RuleID != "META001" || res.Findings[0].Path != "compose.override.yaml" || res.Findings[0].Range.Start.Line != 4 {
		t.Errorf("got %+v, want META001 at compose.override.yaml:4", res.Findings)
	}
}

// TestParseErrorInAnIncludeReportedOnce: a broken nginx include, which is also a target of its
// own, is one META001 in the include, not a second one from the file including it.
func TestParseErrorInAnIncludeReportedOnce(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "nginx", "nginx.conf"), "events {}\nhttp {\n  include conf.d/*.conf;\n}\n")
	writeFile(t, filepath.Join(root, "nginx", "conf.d", "app.conf"), "server {\n  listen 80;\n  server_name app;\n")
	res := scanTree(t, root)
	if len(res.Findings) != 1 || res.Findings[0].RuleID != "META001" || res.Findings[0].Path != "nginx/conf.d/app.conf" || res.Findings[0].Range.Start.Line != 4 {
		t.Errorf("got %+v, want one META001 at nginx/conf.d/app.conf:4", res.Findings)
	}
}

// scanTree scans a folder with the built-in rules and no configuration, git or file modes.
func scanTree(t *testing.T, root string) *scan.Result {
	t.Helper()
	off := false
	res, err := scan.Run(context.Background(), scan.Options{
		Paths: []string{root}, Registry: builtin.Registry(), Config: scan.ConfigSource{None: true},
		CheckGit: &off, CheckPermissions: &off,
	})
	if err != nil {
		t.Fatal(err)
	}
	return res
}
