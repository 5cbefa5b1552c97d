package rules_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/policies"
	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scanners"
)

// TestNoBuiltinResultCarriesASeverity: no built-in policy gives one result a severity of its
// own (the helper that did is gone); GitHub would show the rule's instead.
func TestNoBuiltinResultCarriesASeverity(t *testing.T) {
	for _, pat := range []string{"*/*/*.rego", "lib/*.rego"} {
		files, err := filepath.Glob(filepath.Join("..", "policies", pat))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(b), `"severity":`) || strings.Contains(string(b), "result.severity(") {
				t.Errorf("%s sets a result's severity: split the rule instead", f)
			}
		}
	}
}

// TestResultWithItsOwnSeverityIsRefused: a custom rule's result naming a severity is an error,
// not a finding that SARIF and the CLI would show at different severities.
func TestResultWithItsOwnSeverityIsRefused(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "dotenv", "x")
	if err := os.MkdirAll(p, 0o755); err != nil {
		t.Fatal(err)
	}
	src := "# METADATA\n# title: T\n# description: D\n# custom:\n#   id: XYZ001\n#   severity: high\n#   kinds: [dotenv]\n#   remediation: x\npackage deploylint.rules.dotenv.x\n\ndeny contains {\"path\": [], \"msg\": \"m\", \"anchor\": \"file\", \"severity\": \"low\"}\n"
	if err := os.WriteFile(filepath.Join(p, "x.rego"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	e, err := rules.NewEngine(context.Background(), rules.PolicySource{Name: "user", FS: os.DirFS(dir), Custom: true})
	if err != nil {
		t.Fatal(err)
	}
	doc := &scanners.Document{Kind: "dotenv", Path: ".env", Data: map[string]any{"vars": []any{}}, Spans: scanners.Spans{}}
	if _, err := e.Eval(context.Background(), rules.Input{Doc: doc}); err == nil || !strings.Contains(err.Error(), "severity of its own") {
		t.Errorf("got %v", err)
	}
}

// TestSplitRulesAnswerToTheirOldID: an ignore comment or a configuration block written for a
// rule before it was split still covers the findings that moved to the new rule.
func TestSplitRulesAnswerToTheirOldID(t *testing.T) {
	e, err := rules.NewEngine(context.Background(), rules.PolicySource{Name: "policies", FS: policies.FS})
	if err != nil {
		t.Fatal(err)
	}
	cat := e.Catalogue
	r, ok := cat.Lookup("ACL012")
	if !ok || r.SplitFrom != "ACL005" {
		t.Fatalf("ACL012 split from %q", r.SplitFrom)
	}
	if !cat.Names("ACL005", "ACL012") || !cat.Names("ACL012", "ACL012") || cat.Names("ACL012", "ACL005") || cat.Names("ACL001", "ACL012") {
		t.Error("Names does not follow split_from")
	}
	split := 0
	for _, r := range cat.Rules {
		if r.SplitFrom != "" {
			split++
			if from, ok := cat.Lookup(r.SplitFrom); !ok || from.Severity == r.Severity {
				t.Errorf("%s is split from %s for a severity of its own, yet has the same one", r.ID, r.SplitFrom)
			}
		}
	}
	if split < 16 {
		t.Errorf("only %d split rules", split)
	}

	// An ignore comment naming ACL005 covers the ACL012 finding on its line.
	fs := []rules.Finding{{RuleID: "ACL012", Severity: rules.High, Path: "users.acl", Range: scanners.LineRange(2, 6, 11)}}
	files := []rules.FileDirectives{{Path: "users.acl", Directives: []scanners.Directive{{Line: 2, IDs: []string{"ACL005"}, Reason: "the admin account is rotated by ops"}}}}
	out, err := e.Suppress(context.Background(), files, fs)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 1 || out[0].Suppressed == nil {
		t.Errorf("ignore ACL005 did not suppress ACL012: %+v", out)
	}

	// A block for ACL005 applies to ACL012 unless ACL012 has its own.
	low := rules.Low
	settings := cat.WithSettings(map[string]rules.RuleSetting{"ACL005": {Severity: &low}})
	got := rules.ApplySettings([]rules.Finding{{RuleID: "ACL012", Severity: rules.High}}, settings, "")
	if got[0].Severity != rules.Low {
		t.Errorf("ACL005's block did not reach ACL012: %v", got[0].Severity)
	}
	if r, _ := cat.WithSeverities(settings).Lookup("ACL012"); r.Severity != rules.Low {
		t.Errorf("the reported catalogue gives ACL012 %v, its findings say low", r.Severity)
	}
	if r, _ := cat.Lookup("ACL012"); r.Severity != rules.High {
		t.Errorf("WithSeverities changed the catalogue itself")
	}
	own := cat.WithSettings(map[string]rules.RuleSetting{"ACL005": {Disabled: true}, "ACL012": {}})
	if own["ACL012"].Disabled {
		t.Error("ACL005's block replaced ACL012's own")
	}
}
