package rules

import (
	"context"
	"encoding/json"
	"io/fs"
	"reflect"
	"testing"

	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage/inmem"

	"github.com/deploylint/deploylint/policies"
	"github.com/deploylint/deploylint/secret"
)

// TestPublicSHA256MatchesRego: the table the engine hands policies as
// data.deploylint.facts.public_sha256 is what redisacl.rego's public_sha256_of computes.
func TestPublicSHA256MatchesRego(t *testing.T) {
	defaults := shippedDefaults(t)
	var mods []func(*rego.Rego)
	for _, f := range []string{"lib/redisacl.rego", "lib/secrets.rego"} {
		src, err := fs.ReadFile(policies.FS, f)
		if err != nil {
			t.Fatal(err)
		}
		mods = append(mods, rego.Module(f, string(src)))
	}
	data := map[string]any{"deploylint": map[string]any{"data": map[string]any{"defaults": defaults}}}
	rs, err := rego.New(append(mods, rego.Query("x := data.deploylint.lib.redisacl.public_sha256_of"), rego.Store(inmem.NewFromObject(data)))...).Eval(context.Background())
	if err != nil || len(rs) != 1 {
		t.Fatalf("evaluate public_sha256_of: %v (%d results)", err, len(rs))
	}
	want, _ := rs[0].Bindings["x"].(map[string]any)
	cat, err := secret.NewCatalog(defaults, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := publicSHA256(cat)
	if len(got) < 50 || !reflect.DeepEqual(got, want) {
		t.Errorf("Go and Rego tables differ (%d and %d entries)", len(got), len(want))
	}
}

// shippedDefaults is the built-in defaults data as policies read it
// (data.deploylint.data.defaults), and its bytes.
func shippedDefaults(tb testing.TB) map[string]any {
	tb.Helper()
	d, _ := shippedDefaultsRaw(tb)
	return d
}

func shippedDefaultsRaw(tb testing.TB) (map[string]any, []byte) {
	tb.Helper()
	raw, err := fs.ReadFile(policies.FS, "deploylint/data/defaults/data.json")
	if err != nil {
		tb.Fatal(err)
	}
	var defaults map[string]any
	if err := json.Unmarshal(raw, &defaults); err != nil {
		tb.Fatal(err)
	}
	return defaults, raw
}
