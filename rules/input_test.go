package rules

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

// TestToValueAsJSON: the direct conversion gives the value OPA's own conversion gives, shared
// terms or not: repeated short strings and integers, long strings, every number type a
// parser hands, nested lists and objects.
func TestToValueAsJSON(t *testing.T) {
	long := fmt.Sprintf("%0*d", sharedString+1, 7)
	var dirs []any
	for k := range 600 {
		dirs = append(dirs, map[string]any{"name": "add_header", "line": k + 1, "parent": k % 3, "args": []any{"X", long}})
	}
	in := map[string]any{
		"directives": dirs, "strings": []string{"a", "a", long}, "n": int64(1 << 40), "f": 2.5,
		"none": nil, "yes": true, "empty": map[string]any{}, "nan": math.NaN(),
	}
	got, err := toValue(in)
	if err != nil {
		t.Fatal(err)
	}
	plain := map[string]any{}
	for k, v := range in {
		plain[k] = v
	}
	plain["strings"] = []any{"a", "a", long}
	plain["nan"] = "NaN" // JSON has no NaN: the conversion writes it as text
	b, err := json.Marshal(plain)
	if err != nil {
		t.Fatal(err)
	}
	want, err := ast.ValueFromReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if got.Compare(want) != 0 {
		t.Errorf("toValue differs from OPA's conversion:\n got %v\nwant %v", got, want)
	}
}
