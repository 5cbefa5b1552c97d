package rules_test

import (
	"context"
	"testing"

	"github.com/deploylint/deploylint/policies"
	"github.com/deploylint/deploylint/rules"
)

func TestParseErrorDocumentBecomesMETA001(t *testing.T) {
	ctx := context.Background()
	e, err := rules.NewEngine(ctx, rules.PolicySource{Name: "builtin", FS: policies.FS})
	if err != nil {
		t.Fatal(err)
	}
	doc := rules.ParseErrorDocument("x/.env", "dotenv", 3, 7, "unterminated quoted value", "")
	fs, err := e.Eval(ctx, rules.Input{Doc: doc})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 {
		t.Fatalf("got %d findings, want 1: %+v", len(fs), fs)
	}
	f := fs[0]
	if f.RuleID != "META001" || f.Path != "x/.env" || f.Range.Start.Line != 3 || f.Range.Start.Column != 7 {
		t.Errorf("got %+v", f)
	}
}
