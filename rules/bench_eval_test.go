package rules_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/deploylint/deploylint/policies"
	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/compose"
	"github.com/deploylint/deploylint/scanners/confine"
	"github.com/deploylint/deploylint/scanners/dotenv"
	"github.com/deploylint/deploylint/scanners/redisacl"
	"github.com/deploylint/deploylint/scanners/traefik"
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
		doc := docs[kind]
		b.Run(kind, func(b *testing.B) {
			fs, err := e.Eval(ctx, doc)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := e.Eval(ctx, doc); err != nil {
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

// benchCOSMOSStack parses the compose file, .env, users.acl and traefik.yaml of
// fixtures/stacks/cosmos-default, attaches stacks and mounts, and returns the documents by kind.
func benchCOSMOSStack(b *testing.B) map[string]*scanners.Document {
	b.Helper()
	root := filepath.Join("..", "fixtures", "stacks", "cosmos-default")
	files := []struct {
		rel, kind string
		s         scanners.Scanner
	}{
		{"compose.yaml", "compose", compose.New()},
		{".env", "dotenv", dotenv.New()},
		{"openc3-redis/users.acl", "redis-acl", redisacl.New()},
		{"openc3-traefik/traefik.yaml", "traefik", traefik.New()},
	}
	byKind := map[string]*scanners.Document{}
	var located []scanners.Located
	for _, f := range files {
		p := filepath.Join(root, filepath.FromSlash(f.rel))
		src, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		t := scanners.Target{Path: p, Rel: f.rel, Root: root, Kind: f.kind}
		var doc *scanners.Document
		if fp, ok := f.s.(scanners.FileParser); ok {
			doc, err = fp.ParseFile(t, src, confine.NewReader(confine.Options{}))
		} else {
			doc, err = f.s.Parse(f.rel, src)
		}
		if err != nil {
			b.Fatalf("%s: %v", f.rel, err)
		}
		doc.Path = f.rel
		byKind[f.kind] = doc
		located = append(located, scanners.Located{Doc: doc, Target: t})
	}
	scanners.AttachStacks(located)
	scanners.AttachMounts(located)
	return byKind
}
