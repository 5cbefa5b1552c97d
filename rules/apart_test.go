package rules

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/deploylint/deploylint/policies"
	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/redisacl"
)

// TestLargeDocumentRulesApart: the rules of a document large enough to run side by side find
// what they find in one query, in the same order.
func TestLargeDocumentRulesApart(t *testing.T) {
	var b strings.Builder
	b.WriteString("user default on nopass ~* &* +@all\n")
	for i := range parallelList + 10 {
		switch i % 3 {
		case 0:
			fmt.Fprintf(&b, "user u%d on >Pw%07dxQ7z ~app:%d:* -@all +get\n", i, i, i)
		case 1:
			fmt.Fprintf(&b, "user admin%d on nopass ~* +@all\n", i)
		default:
			fmt.Fprintf(&b, "user u%d on #%064x ~* &* +@all\n", i, i)
		}
	}
	ctx := context.Background()
	eval := func(oneQuery bool) []Finding {
		e, err := NewEngine(ctx, PolicySource{Name: "builtin", FS: policies.FS})
		if err != nil {
			t.Fatal(err)
		}
		e.oneQuery = oneQuery
		doc, err := redisacl.New().Parse("users.acl", []byte(b.String()))
		if err != nil {
			t.Fatal(err)
		}
		fs, err := e.Eval(ctx, Input{Doc: doc})
		if err != nil {
			t.Fatal(err)
		}
		return fs
	}
	together, apart := eval(true), eval(false)
	rulesFound := map[string]bool{}
	for _, f := range together {
		rulesFound[f.RuleID] = true
	}
	if len(rulesFound) < 3 {
		t.Fatalf("the document should exercise several rules, found %v", rulesFound)
	}
	if !reflect.DeepEqual(apart, together) {
		t.Errorf("apart: %d findings, together: %d; they differ", len(apart), len(together))
	}
}

// TestLargeEntriesSideBySide: a document's large top-level entries, converted side by side,
// give the value of the sequential conversion; released, the data is emptied.
func TestLargeEntriesSideBySide(t *testing.T) {
	shape := scanners.NewShape("name", "line")
	mk := func() map[string]any {
		users := make([]any, parallelList+3)
		byName := make(map[string]any, parallelList+3)
		for i := range users {
			users[i] = shape.Of("name", fmt.Sprintf("u%d", i), "line", i+1)
			byName[fmt.Sprintf("u%d", i)] = []any{i}
		}
		return map[string]any{"users": users, "by_name": byName, "errors": []any{}, "has_default_user": true}
	}
	seq := newConverter()
	seq.nested = true
	want, err := seq.value(mk())
	if err != nil {
		t.Fatal(err)
	}
	for _, release := range []bool{false, true} {
		c := newConverter()
		c.release = release
		m := mk()
		got, large, err := c.data(m)
		if err != nil {
			t.Fatal(err)
		}
		if !large {
			t.Error("two entries of more than parallelList elements: not large")
		}
		if got.Compare(want) != 0 {
			t.Errorf("release %v: side by side differs from the sequential conversion", release)
		}
		if release && len(m) != 0 {
			t.Errorf("released data still holds %d entries", len(m))
		}
	}
}

// TestResultCallsUncached: the virtual cache keeps rules' values and other functions' calls,
// and drops the calls of the result helpers, which no later call repeats.
func TestResultCallsUncached(t *testing.T) {
	vc := newVirtualCache()
	call := func(fn string, args ...*ast.Term) ast.Ref {
		return append(ast.Ref{ast.RefTerm(ast.MustParseRef(fn)...)}, args...)
	}
	doc := ast.MustParseRef("data.deploylint.lib.secrets.defaults")
	cases := []struct {
		ref  ast.Ref
		kept bool
	}{
		{doc, true},
		{call("data.deploylint.lib.secrets.is_switch", ast.StringTerm("true")), true},
		{call("data.deploylint.lib.result.at", ast.ArrayTerm(ast.StringTerm("users")), ast.StringTerm("msg")), false},
		{call("data.deploylint.lib.result.key", ast.ArrayTerm(), ast.StringTerm("msg")), false},
	}
	for _, c := range cases {
		vc.Put(c.ref, ast.BooleanTerm(true))
		got, _ := vc.Get(c.ref)
		if (got != nil) != c.kept {
			t.Errorf("%v: cached %v, want %v", c.ref, got != nil, c.kept)
		}
	}
}
