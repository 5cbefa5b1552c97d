package rules

import (
	"context"
	"fmt"
	"maps"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/tester"
)

// TestResult is the outcome of one Rego test rule.
type TestResult struct {
	Package string
	Name    string
	File    string
	Line    int
	Fail    bool
	Err     error
	Output  string
}

// RunTests runs every `test_` rule of the loaded policies' _test.rego files with OPA's tester,
// against the same data the engine uses.
func (e *Engine) RunTests(ctx context.Context) ([]TestResult, error) {
	mods, err := e.parsed(e.files)
	if err != nil {
		return nil, err
	}
	maps.Copy(mods, e.tests)
	txn, err := e.store.NewTransaction(ctx, storage.TransactionParams{})
	if err != nil {
		return nil, fmt.Errorf("open policy store: %w", err)
	}
	defer e.store.Abort(ctx, txn)
	builtins := testerBuiltins()
	if e.bounded != nil {
		// A custom folder's tests are bounded as its rules are in a scan: they are code from
		// that folder too. OPA's tester puts no `with` on its queries, and a custom built-in
		// cannot take a built-in's name, so the folder's calls are renamed to the twins.
		builtins = append(builtins, e.bounded.inTests...)
		for _, f := range e.customTests {
			if m := mods[f]; m != nil {
				mods[f] = boundCalls(m.Copy())
			}
		}
	}
	ch, err := tester.NewRunner().
		SetStore(e.store).
		SetModules(mods).
		CapturePrintOutput(true).
		RaiseBuiltinErrors(true).
		SetDefaultRegoVersion(ast.RegoV1).
		AddCustomBuiltins(builtins).
		SetTimeout(e.budget(&kindQuery{custom: true})).
		RunTests(ctx, txn)
	if err != nil {
		return nil, fmt.Errorf("run policy tests: %w", err)
	}
	var out []TestResult
	for r := range ch {
		tr := TestResult{Package: r.Package, Name: r.Name, Fail: r.Fail, Err: r.Error, Output: string(r.Output)}
		if r.Location != nil {
			tr.File, tr.Line = r.Location.File, r.Location.Row
		}
		out = append(out, tr)
	}
	return out, nil
}

// boundCalls renames m's calls of the built-ins that have a deploylint.bounded twin (and a
// test's `with` that mocks one) to the twin.
func boundCalls(m *ast.Module) *ast.Module {
	twins := map[string]ast.Ref{}
	for _, b := range boundedBuiltins() {
		twins[b.name] = ast.MustParseRef(boundedPrefix + b.name)
	}
	rename := func(t *ast.Term) {
		var name string
		switch v := t.Value.(type) {
		case ast.Ref:
			name = v.String()
		case ast.Var: // a `with` target of one name
			name = string(v)
		}
		if twin, ok := twins[name]; ok {
			t.Value = twin.Copy()
		}
	}
	ast.WalkExprs(m, func(x *ast.Expr) bool {
		if x.IsCall() {
			rename(x.OperatorTerm())
		}
		for _, w := range x.With {
			rename(w.Target)
		}
		return false
	})
	ast.WalkTerms(m, func(t *ast.Term) bool {
		if c, ok := t.Value.(ast.Call); ok && len(c) > 0 {
			rename(c[0])
		}
		return false
	})
	return m
}
