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
// were skipped get an info finding (META003) naming the limit, the first files are checked as
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
			if f.RuleID == "DCOS008" || f.RuleID == "META003" {
				got = append(got, fmt.Sprintf("%s:%s:%s", f.Path, f.RuleID, f.Severity))
				if f.RuleID == "META003" && !strings.Contains(f.Message, "crypt work budget") {
					t.Errorf("META003 message %q does not name the crypt budget", f.Message)
				}
			}
		}
		s := strings.Join(got, " ")
		want := "c0/genconf/config.yaml:DCOS008:critical c2/genconf/config.yaml:META003:info c3/genconf/config.yaml:META003:info c4/genconf/config.yaml:META003:info c5/genconf/config.yaml:META003:info"
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
