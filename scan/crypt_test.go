package scan

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/policies"
	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scanners/builtin"
)

// adminHash1000 is glibc crypt("admin", "$6$rounds=1000$deploylint$").
const adminHash1000 = "$6$rounds=1000$deploylint$AS1lwRlsn2HhiD7pszL54i7z6DpJdH.8CBX3VaHyDlG3P1tKMEcUiKdE/Wi/LTkDqIoN42gTTH5w6y6uniTk6."

// TestCryptWorkIsBounded: the crypt checks of a scan stop at its limit, the files whose checks
// were skipped get an info finding (META005) naming the limit, the first files are checked as
// before, and which files those are does not depend on the order of evaluation.
func TestCryptWorkIsBounded(t *testing.T) {
	ctx := context.Background()
	e, err := rules.NewEngine(ctx, rules.PolicySource{Name: "builtin", FS: policies.FS})
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	for i := range 6 {
		h := fmt.Sprintf("$6$rounds=1000$salt%04d$%s", i, strings.Repeat("A", 86))
		if i == 0 {
			h = adminHash1000
		}
		cfg := fmt.Sprintf("bootstrap_url: http://boot\nmaster_discovery: static\nsecurity: strict\nsuperuser_username: admin%d\nsuperuser_password_hash: %s\n", i, h)
		p := filepath.Join(root, fmt.Sprintf("c%d", i), "genconf", "config.yaml")
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(cfg), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	off := false
	var first string
	for _, workers := range []int{1, 2, 2, 2} {
		// Five candidates (the user name and four defaults) of 1,000 rounds each: the first
		// two files are checked in full, the others not at all.
		res, err := Run(ctx, Options{
			Paths: []string{root}, Registry: builtin.Registry(), Engine: e, Config: ConfigSource{None: true},
			CheckGit: &off, CheckPermissions: &off, Workers: workers, cryptLimit: &cryptLimit{files: 2, rounds: 5000},
		})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range res.Findings {
			if f.RuleID == "DCOS014" || f.RuleID == "META005" {
				got = append(got, fmt.Sprintf("%s:%s:%s", f.Path, f.RuleID, f.Severity))
				if f.RuleID == "META005" && !strings.Contains(f.Message, "crypt work budget") {
					t.Errorf("META005 message %q does not name the crypt budget", f.Message)
				}
			}
		}
		s := strings.Join(got, " ")
		want := "c0/genconf/config.yaml:DCOS014:critical c2/genconf/config.yaml:META005:info c3/genconf/config.yaml:META005:info c4/genconf/config.yaml:META005:info c5/genconf/config.yaml:META005:info"
		if s != want {
			t.Errorf("workers %d:\ngot  %s\nwant %s", workers, s, want)
		}
		if first == "" {
			first = s
		} else if s != first {
			t.Errorf("the output changed between runs:\n%s\n%s", first, s)
		}
	}
}

// TestSharedIncludeReadOnce: files that all include the same glob read each included file
// once per scan: 200 sites including 20 KB of snippets fit a 1 MB byte budget, which reading
// the snippets again for every site (4 MB) would overrun, skipping sites.
func TestSharedIncludeReadOnce(t *testing.T) {
	ctx := context.Background()
	e, err := rules.NewEngine(ctx, rules.PolicySource{Name: "builtin", FS: policies.FS})
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	write := func(rel, s string) {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 4 {
		write(fmt.Sprintf("nginx/snippets/s%d.inc", i), "# "+strings.Repeat("x", 5000)+"\nadd_header X-A on;\n")
		write(fmt.Sprintf("common/r%d.conf", i), "# "+strings.Repeat("x", 5000)+"\nmaxmemory-policy allkeys-lru\n")
	}
	for i := range 100 {
		write(fmt.Sprintf("nginx/sites-enabled/s%03d.conf", i), fmt.Sprintf("server {\n  listen 80;\n  server_name s%d.example.com;\n  include ../snippets/*.inc;\n}\n", i))
		write(fmt.Sprintf("redis/r%03d/redis.conf", i), "port 6379\nprotected-mode yes\ninclude ../../common/*.conf\n")
	}
	off := false
	res, err := Run(ctx, Options{
		Paths: []string{root}, Registry: builtin.Registry(), Engine: e, Config: ConfigSource{None: true},
		CheckGit: &off, CheckPermissions: &off, ByteBudget: 1 << 20,
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Findings {
		if f.RuleID == "META004" || f.RuleID == "NGX011" || f.RuleID == "RDS004" {
			t.Errorf("%s:%d: %s %s", f.Path, f.Range.Start.Line, f.RuleID, f.Message)
		}
	}
	if len(res.Files) != 200 {
		t.Errorf("%d files scanned, want 200", len(res.Files))
	}
}
