package scan_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/policies"
	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scan"
	"github.com/deploylint/deploylint/scanners/builtin"
)

// TestProgressCountsTheScan: the counters a progress line reads end at the scan's totals.
func TestProgressCountsTheScan(t *testing.T) {
	ctx := context.Background()
	e, err := rules.NewEngine(ctx, rules.PolicySource{Name: "builtin", FS: policies.FS})
	if err != nil {
		t.Fatal(err)
	}
	p := &scan.Progress{}
	res, err := scan.Run(ctx, scan.Options{Engine: e, Config: scan.ConfigSource{None: true}, Paths: []string{"../fixtures/stacks/cosmos-default"}, Registry: builtin.Registry(), Progress: p})
	if err != nil {
		t.Fatal(err)
	}
	s := p.Snapshot()
	if s.Files != len(res.Files) || s.Parsed != s.Files || s.Docs < s.Files || s.Evaluated != s.Docs {
		t.Errorf("progress %+v after scanning %d files", s, len(res.Files))
	}
}

// TestDiscoveredNamesJudgedKinds: a scan reports the kinds it will judge before parsing, and a
// file read only as context (the .env beside a named compose file) adds none: a pre-commit
// run naming one compose file compiles the compose rules alone.
func TestDiscoveredNamesJudgedKinds(t *testing.T) {
	var got [][]string
	opt := scan.Options{Registry: builtin.Registry(), ParseOnly: true, Discovered: func(k []string) { got = append(got, k) }}
	t.Chdir("../fixtures/stacks/cosmos-default")
	opt.Paths = []string{"compose.yaml"}
	if _, err := scan.Run(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	opt.Paths = []string{"."}
	if _, err := scan.Run(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || strings.Join(got[0], ",") != "compose" || !slices.Contains(got[1], "compose") || !slices.Contains(got[1], "redis-acl") {
		t.Fatalf("discovered kinds: %v", got)
	}
}
