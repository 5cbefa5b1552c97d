package rules

import (
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/secret"
)

// valueClasses is input.values: the class of every distinct string of the document's data
// (object keys included) and of its stack's variables (names and values), up to the
// catalogue's MaxLen. Rules ask secrets.class(s) of these strings as a lookup; a string not
// here (a password cut out of a URL, a string a rule builds, a mounted file's) is classified in
// Rego by the same definition. It is read before the document is converted, which may empty
// the document as it goes (Input.Release).
func valueClasses(cat *secret.Catalog, in Input) ast.Object {
	maxLen := cat.MaxLen()
	seen := map[string]struct{}{}
	add := func(s string) {
		if len(s) <= maxLen {
			seen[s] = struct{}{}
		}
	}
	walkStrings(in.Doc.Data, add)
	if in.Stack != nil {
		for name, v := range in.Stack.Env {
			add(name)
			add(v.Value)
		}
	}
	// The classes are few (a handful of booleans): one term each, shared.
	terms := map[secret.Class]*ast.Term{}
	obj := ast.NewObjectWithCapacity(len(seen))
	for s := range seen {
		c := cat.Class(s)
		t, ok := terms[c]
		if !ok {
			t = ast.ObjectTerm(
				ast.Item(ast.InternedTerm("placeholder"), ast.InternedTerm(c.Placeholder)),
				ast.Item(ast.InternedTerm("shipped"), ast.InternedTerm(c.Shipped)),
				ast.Item(ast.InternedTerm("weak"), ast.InternedTerm(c.Weak)),
				ast.Item(ast.InternedTerm("org"), ast.InternedTerm(c.Org)),
				ast.Item(ast.InternedTerm("secret_name"), ast.InternedTerm(c.SecretName)),
			)
			terms[c] = t
		}
		obj.Insert(ast.StringTerm(s), t)
	}
	return obj
}

// walkStrings calls f with every string of a parser's value, object keys included.
func walkStrings(v any, f func(string)) {
	switch x := v.(type) {
	case string:
		f(x)
	case []any:
		for _, e := range x {
			walkStrings(e, f)
		}
	case []string:
		for _, e := range x {
			f(e)
		}
	case map[string]any:
		for k, e := range x {
			f(k)
			walkStrings(e, f)
		}
	case scanners.Record:
		x.Each(func(k string, e any) {
			f(k)
			walkStrings(e, f)
		})
	}
}
