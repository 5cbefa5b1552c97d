package builtin_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/deploylint/deploylint/policies"
	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scan"
	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/builtin"
)

// TestRegistryConformance runs over every registered kind, so that a new kind cannot pass the
// suite while the rest of the program ignores it: every property is declared, some rule judges
// it, and the per-rule fixtures hold files of the kind that its scanner parses.
func TestRegistryConformance(t *testing.T) {
	reg := builtin.Registry()
	if err := reg.Check(); err != nil {
		t.Fatal(err)
	}
	e, err := rules.NewEngine(context.Background(), rules.PolicySource{Name: "builtin", FS: policies.FS})
	if err != nil {
		t.Fatal(err)
	}
	judged := e.Kinds()
	fixtures, err := filepath.Abs(filepath.Join("..", "..", "fixtures"))
	if err != nil {
		t.Fatal(err)
	}
	off := false
	ins, err := scan.Inputs(scan.Options{Paths: ruleFixtureDirs(t, fixtures), Registry: reg, CheckGit: &off, CheckPermissions: &off})
	if err != nil {
		t.Fatal(err)
	}
	parsed := map[string]int{}
	for _, in := range ins {
		parsed[in.Doc.Kind]++
	}
	for _, k := range reg.All() {
		if !slices.Contains(judged, k.Name) {
			t.Errorf("kind %s: no rule applies to it", k.Name)
		}
		if k.Scanner == nil {
			continue
		}
		if m := k.Scanner.Match(k.Example); m != scanners.Match && m != scanners.MaybeMatch {
			t.Errorf("kind %s: its scanner does not recognise its example file %s", k.Name, k.Example)
		}
		if parsed[k.Name] == 0 {
			t.Errorf("kind %s: no file of fixtures/<ID>/{bad,good} parses as it", k.Name)
		}
	}
	for name := range parsed {
		if _, ok := reg.Lookup(name); !ok {
			t.Errorf("a parser produced documents of kind %q, which the registry does not hold", name)
		}
	}
}

// TestRegistryCheckRefusesUndeclared: an entry that forgets a property is refused.
func TestRegistryCheckRefusesUndeclared(t *testing.T) {
	k, _ := builtin.Registry().Lookup("dotenv")
	for name, broken := range map[string]func(*scanners.Kind){
		"comments":  func(k *scanners.Kind) { k.Comments = 0 },
		"secrets":   func(k *scanners.Kind) { k.Secrets = 0 },
		"role":      func(k *scanners.Kind) { k.Role = 0 },
		"title":     func(k *scanners.Kind) { k.Title = "" },
		"parse fix": func(k *scanners.Kind) { k.ParseFix = "" },
	} {
		bad := k
		broken(&bad)
		if err := scanners.NewRegistry(bad).Check(); err == nil {
			t.Errorf("an entry without its %s passes Check", name)
		}
	}
	if err := scanners.NewRegistry(k, k).Check(); err == nil {
		t.Error("a repeated kind passes Check")
	}
}

// ruleFixtureDirs lists fixtures/<ID>/bad and good.
func ruleFixtureDirs(t *testing.T, root string) []string {
	t.Helper()
	var dirs []string
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		for _, side := range []string{"bad", "good"} {
			d := filepath.Join(root, e.Name(), side)
			if st, err := os.Stat(d); err == nil && st.IsDir() {
				dirs = append(dirs, d)
			}
		}
	}
	return dirs
}

var update = flag.Bool("update", false, "rewrite policies/deploylint/data/kinds/data.json from the registry")

// TestKindsDataUpToDate: the policies read what the registry says of each kind (which files
// hold secrets) from data that make docs writes from it, so plain opa sees the same.
func TestKindsDataUpToDate(t *testing.T) {
	want, err := json.MarshalIndent(builtin.Registry().PolicyData(), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	want = append(want, '\n')
	p := filepath.Join("..", "..", "policies", "deploylint", "data", "kinds", "data.json")
	if *update {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(p)
	if err != nil || !bytes.Equal(got, want) {
		t.Errorf("%s is stale (run make docs): %v", p, err)
	}
}
