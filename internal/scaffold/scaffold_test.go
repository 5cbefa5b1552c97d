package scaffold_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/internal/scaffold"
	"github.com/deploylint/deploylint/policies"
	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/builtin"
)

// TestScaffoldWritesALoadableRule: the scaffold's rule loads with complete METADATA, its test
// fails until the rule is written (and its negative passes), its bad/ fixture is found as the
// kind with its marker, and nothing is overwritten.
func TestScaffoldWritesALoadableRule(t *testing.T) {
	reg := builtin.Registry()
	for _, kind := range []string{"dotenv", "redis-acl"} { // with comments, and without
		t.Run(kind, func(t *testing.T) {
			root := t.TempDir()
			r := scaffold.Rule{ID: "XYZ901", Name: "new_check", Kind: kind, Dir: "newdir", Severity: "high"}
			files, err := scaffold.Write(root, reg, r)
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			e, err := rules.NewEngineWith(ctx, rules.EngineOptions{Tests: true, Sources: []rules.PolicySource{
				{Name: "builtin", FS: policies.FS},
				{Name: "new", FS: os.DirFS(filepath.Join(root, "policies")), Custom: true},
			}})
			if err != nil {
				t.Fatal(err)
			}
			got, ok := e.Catalogue.Lookup("XYZ901")
			if !ok || got.Severity != rules.High || strings.Join(got.Kinds, ",") != kind || got.Remediation == "" || got.Guide == "" {
				t.Fatalf("catalogue entry %+v", got)
			}
			results, err := e.RunTests(ctx)
			if err != nil {
				t.Fatal(err)
			}
			outcome := map[string]bool{}
			for _, tr := range results {
				if strings.HasPrefix(tr.Package, "data.deploylint.rules.newdir.new_check") {
					outcome[tr.Name] = tr.Fail || tr.Err != nil
				}
			}
			if len(outcome) != 2 || !outcome["test_reported"] || outcome["test_not_reported"] {
				t.Errorf("test outcomes (true = failed) %v: want test_reported failing until the rule is written", outcome)
			}
			k, _ := reg.Lookup(kind)
			bad := filepath.Join(root, "fixtures", "XYZ901", "bad")
			ts, _, err := scanners.Discover([]string{bad}, reg, scanners.DiscoverOptions{})
			if err != nil || len(ts) != 1 || ts[0].Kind != kind || ts[0].Rel != k.Example {
				t.Errorf("bad fixture discovered as %+v (%v), want one %s at %s", ts, err, kind, k.Example)
			}
			marker := filepath.Join(bad, filepath.FromSlash(k.Example))
			if k.Comments == scanners.CommentNone {
				marker += ".want"
			}
			if b, err := os.ReadFile(marker); err != nil || !strings.Contains(string(b), "XYZ901") {
				t.Errorf("%s does not mark the line to report: %q %v", marker, b, err)
			}
			if _, err := scaffold.Write(root, reg, r); err == nil {
				t.Error("a second scaffold of the same rule overwrote it")
			}
			for _, f := range files {
				if b, _ := os.ReadFile(f); strings.Contains(string(b), "\r") {
					t.Errorf("%s has CR line ends", f)
				}
			}
		})
	}
}

func TestScaffoldRefusesBadSpecs(t *testing.T) {
	reg := builtin.Registry()
	for name, r := range map[string]scaffold.Rule{
		"id":   {ID: "cmp1", Name: "x", Kind: "dotenv", Dir: "dotenv"},
		"name": {ID: "CMP999", Name: "Bad-Name", Kind: "dotenv", Dir: "dotenv"},
		"kind": {ID: "CMP999", Name: "x", Kind: "kubernetes", Dir: "dotenv"},
		"dir":  {ID: "CMP999", Name: "x", Kind: "dotenv", Dir: "../up"},
	} {
		if _, err := scaffold.Write(t.TempDir(), reg, r); err == nil {
			t.Errorf("bad %s accepted", name)
		}
	}
}

// TestDefaultDir: a new rule goes where the kind's rules are.
func TestDefaultDir(t *testing.T) {
	e, err := rules.NewEngine(context.Background(), rules.PolicySource{Name: "builtin", FS: policies.FS})
	if err != nil {
		t.Fatal(err)
	}
	for kind, want := range map[string]string{"dcos-config": "dcos", "redis-acl": "redisacl", "compose": "compose", "nosuch-kind": "nosuchkind"} {
		if got := scaffold.DefaultDir(e.Catalogue, kind); got != want {
			t.Errorf("DefaultDir(%s) = %s, want %s", kind, got, want)
		}
	}
}
