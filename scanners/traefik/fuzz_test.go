package traefik_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/scanners"

	"github.com/deploylint/deploylint/internal/fuzzcheck"

	"github.com/deploylint/deploylint/scanners/traefik"
)

func FuzzTraefik(f *testing.F) {
	isTraefik := func(p string) bool {
		b := strings.ToLower(filepath.Base(p))
		return strings.HasPrefix(b, "traefik") && (strings.HasSuffix(b, ".yml") || strings.HasSuffix(b, ".yaml"))
	}
	for _, b := range fuzzcheck.SeedFiles(f, "../../fixtures", isTraefik) {
		f.Add(b)
	}
	for _, s := range fuzzcheck.YAMLSeeds() {
		f.Add([]byte(s))
	}
	for _, s := range []string{
		"entryPoints:\n  Web: {address: ':80'}\n  web: {address: ':81'}\nAPI: {Insecure: true}\n",
	} {
		f.Add([]byte(s))
	}
	sc := traefik.New()
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > fuzzcheck.MaxInput {
			return
		}
		maxLine := fuzzcheck.YAMLLines(src) + 1
		doc := fuzzcheck.Twice(t, func() (*scanners.Document, error) { return sc.Parse("traefik.yaml", src) }, maxLine)
		if doc == nil {
			return
		}
		fuzzCheckLowerKeys(t, doc.Data)
	})
}

// fuzzCheckLowerKeys fails on a mapping key that is not lower-case: Traefik rules look
// options up by their lower-cased names only.
func fuzzCheckLowerKeys(t *testing.T, v any) {
	t.Helper()
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if k != strings.ToLower(k) {
				t.Fatalf("key %q is not lower-case", k)
			}
			fuzzCheckLowerKeys(t, e)
		}
	case []any:
		for _, e := range x {
			fuzzCheckLowerKeys(t, e)
		}
	}
}
