package rules_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/deploylint/deploylint/policies"
	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scan"
	"github.com/deploylint/deploylint/scanners/builtin"
)

// BenchmarkEngineEvalOneDocument evaluates every built-in rule of a document's kind on one
// document of the COSMOS default stack (its .env holds the shipped passwords: 7 findings; its
// compose file, 9 services, none), with the stack's
// .env and mounted files attached as a scan attaches them. The engine is built once, outside
// the loop: this is the cost per document, on top of parsing. Compare BenchmarkEngineCompile
// (paid once per process) and the harness in bench/ (whole scans).
func BenchmarkEngineEvalOneDocument(b *testing.B) {
	ctx := context.Background()
	e, err := rules.NewEngine(ctx, rules.PolicySource{Name: "builtin", FS: policies.FS})
	if err != nil {
		b.Fatal(err)
	}
	docs := benchCOSMOSStack(b)
	for _, kind := range []string{"compose", "dotenv"} {
		in := docs[kind]
		b.Run(kind, func(b *testing.B) {
			fs, err := e.Eval(ctx, in)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := e.Eval(ctx, in); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(fs)), "findings/op")
		})
	}
}

// BenchmarkEngineCompile is what a process start pays for the rules: "load" reads the policy
// index (the catalogue), "load+KIND" also parses and compiles the rules of one kind with the
// libraries they import (a pre-commit run naming one file), "load+all" every kind on every
// core (a scan that meets every kind).
func BenchmarkEngineCompile(b *testing.B) {
	ctx := context.Background()
	b.ReportAllocs()
	b.Run("load", func(b *testing.B) {
		for b.Loop() {
			if _, err := rules.NewEngine(ctx, rules.PolicySource{Name: "builtin", FS: policies.FS}); err != nil {
				b.Fatal(err)
			}
		}
	})
	kinds := []string{"compose", "dotenv", "nginx", "redis-acl"}
	for _, k := range kinds {
		b.Run("load+"+k, func(b *testing.B) {
			for b.Loop() {
				e, err := rules.NewEngine(ctx, rules.PolicySource{Name: "builtin", FS: policies.FS})
				if err == nil {
					err = e.Prepare(ctx, []string{k})
				}
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("load+all", func(b *testing.B) {
		for b.Loop() {
			e, err := rules.NewEngine(ctx, rules.PolicySource{Name: "builtin", FS: policies.FS})
			if err == nil {
				err = e.Prepare(ctx, e.Kinds())
			}
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}

// benchCOSMOSStack reads fixtures/stacks/cosmos-default as a scan does (stacks and mounts
// attached) and returns the inputs by kind.
func benchCOSMOSStack(b *testing.B) map[string]rules.Input {
	b.Helper()
	off := false
	ins, err := scan.Inputs(scan.Options{
		Paths: []string{filepath.Join("..", "fixtures", "stacks", "cosmos-default")}, Registry: builtin.Registry(),
		CheckGit: &off, CheckPermissions: &off,
	})
	if err != nil {
		b.Fatal(err)
	}
	byKind := map[string]rules.Input{}
	for _, in := range ins {
		byKind[in.Doc.Kind] = in
	}
	for _, k := range []string{"compose", "dotenv", "redis-acl", "traefik"} {
		if _, ok := byKind[k]; !ok {
			b.Fatalf("the stack has no %s document", k)
		}
	}
	return byKind
}
