package rules_test

import (
	"context"
	"testing"

	"github.com/deploylint/deploylint/policies"
	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scanners"
)

// TestMisspeltIgnoreSuggestsTheRule: an ignore comment naming a rule that does not exist is
// META002 on the comment's line, naming the rule meant when one is close and none otherwise.
func TestMisspeltIgnoreSuggestsTheRule(t *testing.T) {
	e, err := rules.NewEngine(context.Background(), rules.PolicySource{Name: "policies", FS: policies.FS})
	if err != nil {
		t.Fatal(err)
	}
	files := []rules.FileDirectives{{Path: "compose.yaml", Directives: []scanners.Directive{
		{Line: 3, IDs: []string{"CPM001"}, Reason: "r"},
		{Line: 5, IDs: []string{"ACL01", "ZZZ999"}, Reason: "r"},
		{Line: 7, IDs: []string{"ZZZ999"}, Reason: "r"},
	}}}
	out, err := e.Suppress(context.Background(), files, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]string{
		3: "deploylint:ignore names unknown rule CPM001 (did you mean CMP001?)",
		5: "deploylint:ignore names unknown rules ACL01 (did you mean ACL001?), ZZZ999: see deploylint rules for the IDs",
		7: "deploylint:ignore names unknown rule ZZZ999: see deploylint rules for the IDs",
	}
	if len(out) != len(want) {
		t.Fatalf("got %d findings, want %d: %+v", len(out), len(want), out)
	}
	for _, f := range out {
		if f.RuleID != "META002" || f.Path != "compose.yaml" || f.Message != want[f.Range.Start.Line] {
			t.Errorf("got %s %s:%d %q", f.RuleID, f.Path, f.Range.Start.Line, f.Message)
		}
	}
}
