package rules

import (
	"context"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/deploylint/deploylint/policies"
)

func parseV1(t *testing.T, src string) *ast.Module {
	t.Helper()
	m, err := ast.ParseModuleWithOpts("m.rego", src, ast.ParserOptions{RegoVersion: ast.RegoV1})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestConstructorsInlined: calls of a function that only builds a value become that value,
// with the call's arguments in place of its parameters (a caller's variable named like a
// parameter included); a function with a body, two definitions, a value that calls or
// refers to anything, or a `with` that replaces it stays a call, as does a call whose
// argument holds a comprehension.
func TestConstructorsInlined(t *testing.T) {
	lib := parseV1(t, `package lib.r

at(path, msg) := {"path": path, "msg": msg, "anchor": "value"}

pair(a, b) := [a, {b}]

guarded(x) := {"x": x} if x != 1

twice(x) := [x]

twice(x) := [x, x] if false

calls(x) := {"x": upper(x)}

refers(x) := {"x": x, "y": input.y}

mocked(x) := [x]
`)
	rules := parseV1(t, `package rules.x

import data.lib.r

deny contains r.at(["users", msg], "hello") if {
	some msg in input.names
}

deny contains r.pair(1, 2) if true

deny contains r.guarded(2) if true

deny contains r.twice(3) if true

deny contains r.calls("a") if true

deny contains r.refers(4) if true

deny contains r.at([l | some l in input.names][0], "first") if true

deny contains data.lib.r.mocked(5) if true

test_mocked if {
	deny with data.lib.r.mocked as [0]
}
`)
	out := inlineConstructors(map[string]*ast.Module{"lib": lib, "rules": rules})
	var heads []string
	for _, rule := range out["rules"].Rules {
		if rule.Head.Key != nil {
			heads = append(heads, rule.Head.Key.String())
		}
	}
	want := []string{
		`{"anchor": "value", "msg": "hello", "path": ["users", msg]}`,
		`[1, {2}]`,
		`r.guarded(2)`,
		`r.twice(3)`,
		`r.calls("a")`,
		`r.refers(4)`,
		`r.at([l | some l in input.names][0], "first")`,
		`data.lib.r.mocked(5)`,
	}
	if strings.Join(heads, "\n") != strings.Join(want, "\n") {
		t.Errorf("heads:\n%s\nwant:\n%s", strings.Join(heads, "\n"), strings.Join(want, "\n"))
	}
	if got := rules.Rules[0].Head.Key.String(); !strings.HasPrefix(got, "r.at(") {
		t.Errorf("the module given was changed: %s", got)
	}
}

// TestBuiltinPoliciesInline: every kind's built-in rules compile with their constructor calls
// inlined (a failure would fall back, silently, to the slower calls), and the result helpers
// are constructors.
func TestBuiltinPoliciesInline(t *testing.T) {
	ctx := context.Background()
	e, err := NewEngine(ctx, PolicySource{Name: "builtin", FS: policies.FS})
	if err != nil {
		t.Fatal(err)
	}
	for kind, ks := range e.kinds {
		var files []string
		for _, r := range ks.builtin {
			files = append(files, r.File)
		}
		mods, err := e.parsed(e.closure(files))
		if err != nil {
			t.Fatal(err)
		}
		ctors := constructors(mods)
		for _, name := range []string{"at", "key", "file"} {
			if _, ok := ctors["data.deploylint.lib.result."+name]; !ok {
				t.Errorf("%s: result.%s is not a constructor", kind, name)
			}
		}
		c := ast.NewCompiler().WithCapabilities(e.caps)
		if c.Compile(inlineConstructors(mods)); c.Failed() {
			t.Errorf("%s: the inlined rules do not compile: %v", kind, c.Errors)
		}
	}
}
