package installyaml_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/internal/fuzzcheck"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/installyaml"
)

func FuzzInstallYAMLDCOS(f *testing.F) {
	fuzzInstallYAML(f, installyaml.NewDCOS(), "genconf/config.yaml", func(p string) bool {
		return filepath.Base(p) == "config.yaml" && filepath.Base(filepath.Dir(p)) == "genconf"
	})
}

func FuzzInstallYAMLFetchML(f *testing.F) {
	fuzzInstallYAML(f, installyaml.NewFetchML(), "configs/api/prod.yaml", func(p string) bool {
		return filepath.Base(filepath.Dir(p)) == "api" && strings.HasSuffix(p, ".yaml")
	})
}

func fuzzInstallYAML(f *testing.F, sc *installyaml.Scanner, rel string, match func(p string) bool) {
	for _, b := range fuzzcheck.SeedFiles(f, "../../fixtures", match) {
		f.Add(b)
	}
	for _, s := range fuzzcheck.YAMLSeeds() {
		f.Add([]byte(s))
	}
	for _, s := range []string{
		"security: permissive\noauth_enabled: 'false'\n---\nsecurity: strict\n---\n- not a mapping\n",
		"server:\n  tls:\n    enabled: false\nauth:\n  api_keys: {admin: {hash: x}}\n---\n[",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > fuzzcheck.MaxInput {
			return
		}
		maxLine := fuzzcheck.YAMLLines(src) + 1
		doc, err := sc.Parse(rel, src)
		again, errAgain := sc.Parse(rel, src)
		if fmt.Sprint(err) != fmt.Sprint(errAgain) {
			t.Fatalf("errors differ between two parses: %v / %v", err, errAgain)
		}
		if err != nil {
			fuzzcheck.Error(t, err, maxLine)
			return
		}
		if len(doc.Siblings) != len(again.Siblings) {
			t.Fatalf("two parses give %d and %d documents", len(doc.Siblings)+1, len(again.Siblings)+1)
		}
		docs := append([]*scanners.Document{doc}, doc.Siblings...)
		seconds := append([]*scanners.Document{again}, again.Siblings...)
		for i, d := range docs {
			if !fuzzcheck.Same(d.Data, seconds[i].Data) || !fuzzcheck.Same(d.Spans, seconds[i].Spans) {
				t.Fatalf("two parses of the same bytes differ in document %d", i)
			}
			if _, ok := d.Data.(map[string]any); !ok {
				t.Fatalf("document %d: data is a %T, rules expect an object", i, d.Data)
			}
			if d.Kind != sc.Kind() || d.Path != rel {
				t.Fatalf("document %d: kind %q path %q", i, d.Kind, d.Path)
			}
			fuzzcheck.Spans(t, d.Spans, maxLine)
		}
	})
}
