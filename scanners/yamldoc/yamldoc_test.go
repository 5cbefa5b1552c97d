package yamldoc_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/yamldoc"
)

func TestDataAndSpans(t *testing.T) {
	src := "# c\nentryPoints:\n  web:\n    address: \":2900\"\n    ports: [80, 443]\nbase: &b {x: 1}\nderived:\n  <<: *b\n  y: true\n"
	data, spans, err := yamldoc.Decode("t.yaml", []byte(src), yamldoc.Options{LowerKeys: true})
	if err != nil {
		t.Fatal(err)
	}
	m := data.(map[string]any)
	if m["entrypoints"].(map[string]any)["web"].(map[string]any)["address"] != ":2900" {
		t.Errorf("data = %v", m)
	}
	d := m["derived"].(map[string]any)
	if d["x"] != int64(1) || d["y"] != true {
		t.Errorf("merge key: %v", d)
	}
	sp := spans[scanners.PathKey("entrypoints", "web", "address")]
	if sp.Key != scanners.LineRange(4, 5, 12) || sp.Value != scanners.LineRange(4, 14, 21) {
		t.Errorf("address span = %+v", sp)
	}
	if sp := spans[scanners.PathKey("entrypoints", "web", "ports", 1)]; sp.Value.Start != (scanners.Position{Line: 5, Column: 17}) {
		t.Errorf("sequence item span = %+v", sp)
	}
}

func TestHostileInput(t *testing.T) {
	bomb := "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
	deep := strings.Repeat("[", 300) + strings.Repeat("]", 300)
	for name, src := range map[string]string{"alias bomb": bomb, "deep nesting": deep, "syntax": "a: [1, 2\nb: 3\n"} {
		_, _, err := yamldoc.Decode("h.yaml", []byte(src), yamldoc.Options{})
		var pe *scanners.ParseError
		if !errors.As(err, &pe) {
			t.Errorf("%s: got %v, want a ParseError", name, err)
		}
	}
}

// TestNodeBudgetCoversTheStream: each document below expands to 40 081 nodes, well under the
// bound, but a thousand of them would hold forty million spans: the bound is for the stream.
func TestNodeBudgetCoversTheStream(t *testing.T) {
	doc := "a: &a [" + strings.Repeat("x,", 1000) + "]\nb: [" + strings.Repeat("*a,", 39) + "]\n---\n"
	_, err := yamldoc.DecodeAll("s.yaml", []byte(strings.Repeat(doc, 5)), yamldoc.Options{})
	var pe *scanners.ParseError
	if !errors.As(err, &pe) || !strings.Contains(pe.Msg, "too many nodes") || pe.Line != 13 {
		t.Fatalf("got %v, want too many nodes at the fifth document (line 13)", err)
	}
}
