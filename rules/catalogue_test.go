package rules_test

import (
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/policies"
	"github.com/deploylint/deploylint/rules"
)

// TestCatalogueComplete: every built-in rule has complete metadata (checked at load), a Rego
// test beside it, and bad/ and good/ fixtures; IDs are unique (checked at load).
func TestCatalogueComplete(t *testing.T) {
	e, err := rules.NewEngine(context.Background(), rules.PolicySource{Name: "policies", FS: policies.FS})
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Catalogue.Rules) < 19 {
		t.Fatalf("only %d rules loaded", len(e.Catalogue.Rules))
	}
	for _, r := range e.Catalogue.Rules {
		rel := strings.TrimPrefix(r.File, "policies/")
		dir, file := path.Split(rel)
		name := strings.TrimSuffix(file, ".rego")
		if path.Base(path.Clean(dir)) != name {
			t.Errorf("%s: a rule lives in a folder of its own name", r.File)
		}
		if !strings.HasSuffix(r.Package, "."+name) {
			t.Errorf("%s: package %s does not end in the folder name", r.File, r.Package)
		}
		if _, err := fs.Stat(policies.FS, dir+name+"_test.rego"); err != nil {
			t.Errorf("%s (%s): no %s_test.rego beside it", r.ID, r.File, name)
		}
		for _, side := range []string{"bad", "good"} {
			if _, err := os.Stat(filepath.Join("..", "fixtures", r.ID, side)); err != nil {
				t.Errorf("%s: no fixtures/%s/%s", r.ID, r.ID, side)
			}
		}
		if r.Guide == "" {
			t.Errorf("%s: custom.guide (the sentence it enforces) is empty", r.ID)
		}
		for field, text := range map[string]string{"title": r.Title, "description": r.Description, "remediation": r.Remediation, "guide": r.Guide} {
			if strings.Contains(text, "TODO") {
				t.Errorf("%s: METADATA %s still holds the scaffold's TODO", r.ID, field)
			}
		}
		if !strings.HasSuffix(r.HelpURI(), "/"+r.ID+".md") {
			t.Errorf("%s: the first related resource must be its documentation page, got %q", r.ID, r.HelpURI())
		}
	}
}

// TestBrokenMetadataIsRefused: a rule without an ID or with a bad severity never loads.
func TestBrokenMetadataIsRefused(t *testing.T) {
	for name, meta := range map[string]string{
		"no id":        "#   severity: high\n#   kinds: [dotenv]\n#   remediation: x",
		"bad severity": "#   id: XYZ001\n#   severity: urgent\n#   kinds: [dotenv]\n#   remediation: x",
		"no kinds":     "#   id: XYZ001\n#   severity: high\n#   remediation: x",
	} {
		src := "# METADATA\n# title: T\n# description: D\n# custom:\n" + meta + "\npackage deploylint.rules.dotenv.x\n\ndeny contains 1 if false\n"
		dir := t.TempDir()
		p := filepath.Join(dir, "dotenv", "x")
		if err := os.MkdirAll(p, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(p, "x.rego"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := rules.NewEngine(context.Background(), rules.PolicySource{Name: "user", FS: os.DirFS(dir)}); err == nil {
			t.Errorf("%s: loaded without error", name)
		}
	}
}

// TestDuplicateIDIsRefused: two rules with one ID never load.
func TestDuplicateIDIsRefused(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"a", "b"} {
		src := "# METADATA\n# title: T\n# description: D\n# custom:\n#   id: XYZ001\n#   severity: high\n#   kinds: [dotenv]\n#   remediation: x\npackage deploylint.rules.dotenv." + n + "\n\ndeny contains 1 if false\n"
		p := filepath.Join(dir, "dotenv", n)
		if err := os.MkdirAll(p, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(p, n+".rego"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, err := rules.NewEngine(context.Background(), rules.PolicySource{Name: "user", FS: os.DirFS(dir)})
	if err == nil || !strings.Contains(err.Error(), "already used") {
		t.Errorf("got %v", err)
	}
}
