package rules_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/policies"
	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scanners/builtin"
)

func TestParseErrorDocumentBecomesMETA001(t *testing.T) {
	ctx := context.Background()
	e, err := rules.NewEngine(ctx, rules.PolicySource{Name: "builtin", FS: policies.FS})
	if err != nil {
		t.Fatal(err)
	}
	doc := rules.ParseErrorDocument("x/.env", "dotenv", 3, 7, "unterminated quoted value")
	fs, err := e.Eval(ctx, doc)
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

// TestProgressCountsTheScan: the counters a progress line reads end at the scan's totals.
func TestProgressCountsTheScan(t *testing.T) {
	ctx := context.Background()
	e, err := rules.NewEngine(ctx, rules.PolicySource{Name: "builtin", FS: policies.FS})
	if err != nil {
		t.Fatal(err)
	}
	p := &rules.Progress{}
	res, err := e.Scan(ctx, rules.ScanOptions{Paths: []string{"../fixtures/stacks/cosmos-default"}, Scanners: builtin.Scanners(), Progress: p})
	if err != nil {
		t.Fatal(err)
	}
	s := p.Snapshot()
	if s.Files != len(res.Files) || s.Parsed != s.Files || s.Docs < s.Files || s.Evaluated != s.Docs {
		t.Errorf("progress %+v after scanning %d files", s, len(res.Files))
	}
}

// TestDiscoveredNamesJudgedKinds: Read reports the kinds it will judge before parsing, and a
// file read only as context (the .env beside a named compose file) adds none: a pre-commit
// run naming one compose file compiles the compose rules alone.
func TestDiscoveredNamesJudgedKinds(t *testing.T) {
	var got [][]string
	opt := rules.ScanOptions{Scanners: builtin.Scanners(), Discovered: func(k []string) { got = append(got, k) }}
	t.Chdir("../fixtures/stacks/cosmos-default")
	opt.Paths = []string{"compose.yaml"}
	if _, err := rules.Read(opt); err != nil {
		t.Fatal(err)
	}
	opt.Paths = []string{"."}
	if _, err := rules.Read(opt); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || strings.Join(got[0], ",") != "compose" || !slices.Contains(got[1], "compose") || !slices.Contains(got[1], "redis-acl") {
		t.Fatalf("discovered kinds: %v", got)
	}
}
