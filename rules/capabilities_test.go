package rules_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/deploylint/deploylint/rules"
)

// TestCapabilitiesUpToDate: policies/capabilities.json is what the engine compiles with (OPA's
// built-ins less the forbidden ones, plus deploylint.crypt_matches), so `opa test`, `opa check`
// and `regal lint` judge the policies as the engine does; `make docs` (this test with -update)
// rewrites it.
func TestCapabilitiesUpToDate(t *testing.T) {
	// allow_net is written even when empty: an empty list forbids every host, where an absent
	// one (omitempty on OPA's own field) would allow them all.
	caps := struct {
		*ast.Capabilities
		AllowNet []string `json:"allow_net"`
	}{rules.Capabilities(), []string{}}
	want, err := json.MarshalIndent(caps, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	want = append(want, '\n')
	p := filepath.Join("..", "policies", "capabilities.json")
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
	parsed, err := ast.LoadCapabilitiesJSON(bytes.NewReader(got))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, b := range parsed.Builtins {
		names = append(names, b.Name)
	}
	all := " " + strings.Join(names, " ") + " "
	if !strings.Contains(all, " deploylint.crypt_matches ") || strings.Contains(all, " http.send ") {
		t.Fatalf("%s: deploylint.crypt_matches missing or http.send present", p)
	}
}
