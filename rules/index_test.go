package rules_test

import (
	"bytes"
	"context"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"testing/fstest"

	"github.com/deploylint/deploylint/policies"
	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scan"
	"github.com/deploylint/deploylint/scanners/builtin"
)

var updateIndex = flag.Bool("update", false, "rewrite policies/index.json and policies/capabilities.json")

// TestPolicyIndexUpToDate: the committed index is what the policies say; `make docs` (this
// test with -update) rewrites it. A stale index is never used (the engine parses everything
// instead), but a scan would then pay for parsing every policy.
func TestPolicyIndexUpToDate(t *testing.T) {
	want, err := rules.BuildIndex(policies.FS)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join("..", "policies", rules.IndexFile)
	if *updateIndex {
		if err := os.WriteFile(p, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is stale: run make docs", p)
	}
}

// withoutIndex is the built-in policies with the index left out, so the engine parses every
// module at load as it did before the index existed.
func withoutIndex(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(policies.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == rules.IndexFile {
			return err
		}
		b, err := fs.ReadFile(policies.FS, p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestIndexedEngineMatchesParsedEngine: the engine that parses modules on demand from the
// index has the same catalogue, and finds the same on the fixtures, as one that parsed every
// module at load; a stale index falls back to parsing.
func TestIndexedEngineMatchesParsedEngine(t *testing.T) {
	ctx := context.Background()
	indexed, err := rules.NewEngine(ctx, rules.PolicySource{Name: "builtin", FS: policies.FS})
	if err != nil {
		t.Fatal(err)
	}
	plain := withoutIndex(t)
	parsed, err := rules.NewEngine(ctx, rules.PolicySource{Name: "builtin", FS: plain})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(indexed.Catalogue.Rules, parsed.Catalogue.Rules) {
		t.Fatal("the indexed catalogue differs from the parsed one")
	}
	opt := scan.Options{Paths: []string{"../fixtures"}, Registry: builtin.Registry()}
	a, err := scan.Run(ctx, withEngine(opt, indexed))
	if err != nil {
		t.Fatal(err)
	}
	b, err := scan.Run(ctx, withEngine(opt, parsed))
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Findings) < 100 || !reflect.DeepEqual(a.Findings, b.Findings) {
		t.Fatalf("indexed engine: %d findings, parsed engine: %d", len(a.Findings), len(b.Findings))
	}

	// A policy edited after the index was written: the index no longer matches and is
	// ignored, so the edit takes effect.
	stale := withoutIndex(t)
	idx, err := policies.FS.ReadFile(rules.IndexFile)
	if err != nil {
		t.Fatal(err)
	}
	stale[rules.IndexFile] = &fstest.MapFile{Data: idx}
	r, ok := indexed.Catalogue.Lookup("ENV001")
	if !ok {
		t.Fatal("no ENV001")
	}
	src := stale[r.File[len("builtin/"):]]
	src.Data = bytes.Replace(src.Data, []byte("# title: "), []byte("# title: Edited "), 1)
	e, err := rules.NewEngine(ctx, rules.PolicySource{Name: "builtin", FS: stale})
	if err != nil {
		t.Fatal(err)
	}
	if r2, _ := e.Catalogue.Lookup("ENV001"); r2.Title != "Edited "+r.Title {
		t.Fatalf("a stale index was used: title %q", r2.Title)
	}
}

// TestEveryKindCompiles: each kind's rules compile on their own, with only the modules they
// reach, and Prepare reports no error.
func TestEveryKindCompiles(t *testing.T) {
	e, err := rules.NewEngine(context.Background(), rules.PolicySource{Name: "builtin", FS: policies.FS})
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Kinds()) < 10 {
		t.Fatalf("only %d kinds", len(e.Kinds()))
	}
	if err := e.Prepare(context.Background(), e.Kinds()); err != nil {
		t.Fatal(err)
	}
}

// withEngine has a scan use the engine under test, and no configuration.
func withEngine(opt scan.Options, e *rules.Engine) scan.Options {
	opt.Engine, opt.Config = e, scan.ConfigSource{None: true}
	return opt
}
