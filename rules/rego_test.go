package rules_test

import (
	"context"
	"testing"

	"github.com/deploylint/deploylint/policies"
	"github.com/deploylint/deploylint/rules"
)

// TestRegoUnitTests runs every _test.rego of the built-in policies through OPA's tester.
func TestRegoUnitTests(t *testing.T) {
	ctx := context.Background()
	e, err := rules.NewEngineWith(ctx, rules.EngineOptions{Sources: []rules.PolicySource{{Name: "policies", FS: policies.FS}}, Tests: true})
	if err != nil {
		t.Fatal(err)
	}
	results, err := e.RunTests(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(results) == 0 {
		t.Fatal("no Rego tests found")
	}
	for _, r := range results {
		t.Run(r.Package+"."+r.Name, func(t *testing.T) {
			if r.Err != nil {
				t.Errorf("%s:%d: error: %v\n%s", r.File, r.Line, r.Err, r.Output)
			} else if r.Fail {
				t.Errorf("%s:%d: FAIL\n%s", r.File, r.Line, r.Output)
			}
		})
	}
}
