package rules

import (
	"fmt"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/deploylint/deploylint/scanners"
)

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
		got, err := c.data(m)
		if err != nil {
			t.Fatal(err)
		}
		if got.Compare(want) != 0 {
			t.Errorf("release %v: side by side differs from the sequential conversion", release)
		}
		if release && len(m) != 0 {
			t.Errorf("released data still holds %d entries", len(m))
		}
	}
}

// TestResultCallsUncached: the virtual cache keeps rules' values and calls on strings and
// numbers, and drops the calls of the result helpers and calls given an object, which no later
// call finds.
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
		{call("data.deploylint.lib.redisacl.full_rights", ast.ObjectTerm([2]*ast.Term{ast.StringTerm("name"), ast.StringTerm("u1")})), false},
		{call("data.deploylint.lib.redisacl.users_named", ast.StringTerm("u1")), true},
		{call("data.deploylint.lib.resultx.at", ast.StringTerm("u1")), true},
	}
	for _, c := range cases {
		vc.Put(c.ref, ast.BooleanTerm(true))
		got, _ := vc.Get(c.ref)
		if (got != nil) != c.kept {
			t.Errorf("%v: cached %v, want %v", c.ref, got != nil, c.kept)
		}
	}
}
