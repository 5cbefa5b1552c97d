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
	ch, err := tester.NewRunner().
		SetStore(e.store).
		SetModules(mods).
		CapturePrintOutput(true).
		RaiseBuiltinErrors(true).
		SetDefaultRegoVersion(ast.RegoV1).
		AddCustomBuiltins(testerBuiltins()).
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
