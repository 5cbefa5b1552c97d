package scanners_test

import (
	"encoding/json"
	"testing"

	"github.com/deploylint/deploylint/scanners"
)

// TestRecordIsItsObject: a record writes, reads and flattens as the map it stands for, keys it
// does not hold absent (not null), a null it holds kept.
func TestRecordIsItsObject(t *testing.T) {
	shape := scanners.NewShape("name", "args", "file", "line", "name")
	r := shape.Of("name", "listen", "args", []any{"80", map[string]any{"x": 1}}, "line", 7, "file", nil)
	got, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(map[string]any{"name": "listen", "args": []any{"80", map[string]any{"x": 1}}, "line": 7, "file": nil})
	if string(got) != string(want) {
		t.Errorf("JSON %s, want %s", got, want)
	}
	if v, ok := r.Get("file"); !ok || v != nil {
		t.Errorf("file: %v, %v; want a held null", v, ok)
	}
	partial := shape.New()
	partial.Set("line", 1)
	if _, ok := partial.Get("name"); ok || partial.Len() != 1 {
		t.Errorf("a record holds only the keys set: %v", scanners.Plain(partial))
	}
	if b, _ := json.Marshal(partial); string(b) != `{"line":1}` {
		t.Errorf("partial JSON %s", b)
	}
	if _, ok := r.Get("nowhere"); ok {
		t.Error("a key outside the shape is held")
	}
	if m, ok := scanners.Plain([]any{r}).([]any)[0].(map[string]any); !ok || m["line"] != 7 || len(m) != 4 {
		t.Errorf("Plain: %#v", m)
	}
	r.Clear()
	if v, ok := r.Get("name"); !ok || v != nil {
		t.Errorf("cleared: %v, %v; want the key held, its value dropped", v, ok)
	}
}

// TestRecordSetOutsideShape: setting a key the shape lacks is a parser's bug, not data.
func TestRecordSetOutsideShape(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic")
		}
	}()
	scanners.NewShape("a").New().Set("b", 1)
}
