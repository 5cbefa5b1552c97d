package scan_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
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

// TestRefusedIncludeIsReported: an include over the size limit is not read (a sparse 4 GiB
// file costs no memory) and is reported as a skipped file, once, like any other.
func TestRefusedIncludeIsReported(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "nginx", "nginx.conf"), "events {}\nhttp {\n  include extra/huge.inc;\n}\n")
	huge := filepath.Join(root, "nginx", "extra", "huge.inc")
	writeFile(t, huge, "")
	if err := os.Truncate(huge, 4<<30); err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	res := scanTree(t, root)
	runtime.ReadMemStats(&after)
	if mb := (after.TotalAlloc - before.TotalAlloc) >> 20; mb > 256 {
		t.Errorf("the scan allocated %d MB: the include was read", mb)
	}
	var skipped []string
	for _, f := range res.Findings {
		if f.RuleID == "META004" {
			skipped = append(skipped, f.Path+": "+f.Message)
		}
	}
	if len(skipped) != 1 || !strings.Contains(skipped[0], "nginx/extra/huge.inc") || !strings.Contains(skipped[0], "size limit") {
		t.Errorf("META004 findings %q, want one for nginx/extra/huge.inc naming the size limit", skipped)
	}
}
