package secret

import (
	"encoding/json"
	"fmt"
	"sort"
)

// PublicValues lists every string value of a JSON document, sorted and without repeats: given
// policies/lib/defaults.json, the shipped vendor defaults, placeholders and published values
// the rules may name in their messages (Options.Public). Keys are not values. Every string
// of that file is public by construction: it is published with deploylint.
func PublicValues(doc []byte) ([]string, error) {
	var v any
	if err := json.Unmarshal(doc, &v); err != nil {
		return nil, fmt.Errorf("read public values: %w", err)
	}
	seen := map[string]bool{}
	var walk func(any)
	walk = func(x any) {
		switch t := x.(type) {
		case string:
			seen[t] = true
		case []any:
			for _, e := range t {
				walk(e)
			}
		case map[string]any:
			for _, e := range t {
				walk(e)
			}
		}
	}
	walk(v)
	out := make([]string, 0, len(seen))
	for s := range seen {
		if s != "" {
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out, nil
}
