package rules

import (
	"context"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/policies"
)

// TestIndexDefersParsing: with the index, loading parses no module, and preparing one kind
// parses that kind's rules and the libraries they import, nothing else.
func TestIndexDefersParsing(t *testing.T) {
	e, err := NewEngine(context.Background(), PolicySource{Name: "builtin", FS: policies.FS})
	if err != nil {
		t.Fatal(err)
	}
	parsed := func() []string {
		var out []string
		for _, f := range e.files {
			if e.modules[f].mod != nil {
				out = append(out, f)
			}
		}
		return out
	}
	if p := parsed(); len(p) != 0 {
		t.Fatalf("parsed at load: %v", p)
	}
	if err := e.Prepare(context.Background(), []string{"traefik"}); err != nil {
		t.Fatal(err)
	}
	p := parsed()
	for _, f := range p {
		if !strings.HasPrefix(f, "builtin/traefik/") && f != "builtin/lib/result.rego" && f != "builtin/lib/traefik.rego" {
			t.Errorf("preparing traefik parsed %s", f)
		}
	}
	if len(p) < 3 || len(p) >= len(e.files)/4 {
		t.Errorf("preparing traefik parsed %d of %d modules", len(p), len(e.files))
	}
}
