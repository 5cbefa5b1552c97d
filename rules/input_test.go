package rules

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/deploylint/deploylint/scanners"
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
	shape := scanners.NewShape("name", "args", "file", "line")
	var recs, plainRecs []any
	for k := range 300 {
		r := shape.New()
		r.Set("name", "listen")
		r.Set("args", []any{"80", long})
		r.Set("line", k)
		if k%2 == 0 {
			r.Set("file", nil) // held, as null; odd records do not hold "file" at all
		}
		recs = append(recs, r)
		plainRecs = append(plainRecs, scanners.Plain(r))
	}
	in := map[string]any{
		"directives": dirs, "strings": []string{"a", "a", long}, "n": int64(1 << 40), "f": 2.5,
		"none": nil, "yes": true, "empty": map[string]any{}, "nan": math.NaN(), "records": recs,
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
	plain["records"] = plainRecs
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

// TestReleaseEmptiesOnlyTheDocument: with Release the document's data is emptied as it is
// converted, and the input is the same; a mounted document's data is left whole.
func TestReleaseEmptiesOnlyTheDocument(t *testing.T) {
	mk := func() map[string]any {
		return map[string]any{"directives": []any{map[string]any{"name": "listen", "args": []any{"80"}}}}
	}
	mounted := &scanners.Document{Kind: "nginx", Path: "n.conf", Data: mk()}
	in := func(release bool) Input {
		return Input{Doc: &scanners.Document{Kind: "nginx", Path: "a.conf", Data: mk()}, Mounts: map[string]*scanners.Document{"/etc/n.conf": mounted}, Release: release}
	}
	kept, released := in(false), in(true)
	want, err := inputValue(kept, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := inputValue(released, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.Compare(want) != 0 {
		t.Errorf("released input %v, want %v", got, want)
	}
	if d := released.Doc.Data.(map[string]any); len(d) != 0 {
		t.Errorf("released data still holds %v", d)
	}
	if d := kept.Doc.Data.(map[string]any); len(d) != 1 {
		t.Errorf("kept data is %v", d)
	}
	if d := mounted.Data.(map[string]any)["directives"].([]any); len(d) != 1 || d[0] == nil {
		t.Errorf("the mounted document's data was released: %v", d)
	}
}

// TestSmallValuesShared: equal small lists and objects convert to one term, so that 100,000
// users' empty lists cost one; values that differ (in type only, too) never share one.
func TestSmallValuesShared(t *testing.T) {
	shape := scanners.NewShape("pattern", "token")
	rec := func(p string) scanners.Record {
		r := shape.New()
		r.Set("pattern", p)
		r.Set("token", 3)
		return r
	}
	c := newConverter()
	var terms []*ast.Term
	for _, v := range []any{
		[]any{},
		[]any{},
		[]string{"+get"},
		[]any{"+get"},
		[]any{1},
		[]any{"1"},
		rec("*"), rec("*"), rec("app:*"),
		map[string]any{"pattern": "*", "token": 3},
	} {
		tm, err := c.term(v)
		if err != nil {
			t.Fatal(err)
		}
		terms = append(terms, tm)
	}
	for _, pair := range [][2]int{{0, 1}, {2, 3}, {6, 7}, {6, 9}} {
		if terms[pair[0]] != terms[pair[1]] {
			t.Errorf("values %d and %d are equal but not shared", pair[0], pair[1])
		}
	}
	for _, pair := range [][2]int{{4, 5}, {6, 8}, {0, 2}} {
		if terms[pair[0]] == terms[pair[1]] || terms[pair[0]].Value.Compare(terms[pair[1]].Value) == 0 {
			t.Errorf("values %d and %d differ but convert alike: %v, %v", pair[0], pair[1], terms[pair[0]], terms[pair[1]])
		}
	}
}

// TestLongListInParts: a list long enough to be converted in parts converts to the value the
// sequential conversion gives, released or not (run under -race, the parts share nothing).
func TestLongListInParts(t *testing.T) {
	shape := scanners.NewShape("name", "line", "args")
	mk := func() []any {
		out := make([]any, parallelList+7)
		for i := range out {
			r := shape.New()
			r.Set("name", fmt.Sprintf("u%d", i%5000))
			r.Set("line", i+1)
			r.Set("args", []any{"+get", i % 3})
			out[i] = r
		}
		return out
	}
	want := newConverter()
	want.nested = true // the sequential path
	wv, err := want.value(mk())
	if err != nil {
		t.Fatal(err)
	}
	for _, release := range []bool{false, true} {
		c := newConverter()
		c.release = release
		list := mk()
		got, err := c.value(list)
		if err != nil {
			t.Fatal(err)
		}
		if got.Compare(wv) != 0 {
			t.Errorf("release %v: the parts differ from the sequential conversion", release)
		}
		if release && (list[0] != nil || list[len(list)-1] != nil) {
			t.Error("a released list kept its elements")
		}
	}
}
