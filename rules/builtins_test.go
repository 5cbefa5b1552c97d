package rules

import (
	"context"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

// TestCryptRoundsAreBounded: a hash asking for crypt's maximum of 999,999,999 rounds would
// take hours per candidate; it is refused without being computed (the test would time out).
func TestCryptRoundsAreBounded(t *testing.T) {
	_, impl := cryptMatchesFunc(&cryptCache{})
	hostile := "$6$rounds=999999999$saltsalt$3X2U4hI6RYvKFqm6hXtEeqnH2xE3XUJYiiQ/ykKlDXUie/0B6cuCZEfLe.dN/7jF5mx/vSkoLE5d1Zno20Z7Q0"
	got, err := impl(rego.BuiltinContext{}, ast.StringTerm(hostile), ast.StringTerm("admin"))
	if err != nil || got.Value.Compare(ast.Boolean(false)) != 0 {
		t.Fatalf("got %v, %v; want false", got, err)
	}
	for h, want := range map[string]int{
		"$6$salt$x":                5000,
		"$6$rounds=656000$salt$x":  656000,
		"$6$rounds=abc$salt$x":     maxCryptRounds + 1,
		"$6$rounds=1000000$salt$x": 1000000,
		"$6$rounds=1000001$salt$x": 1000001,
	} {
		if got := cryptRounds(h); got != want {
			t.Errorf("cryptRounds(%q) = %d, want %d", h, got, want)
		}
	}
}

// TestCryptMatchesKnownHash: the shipped-default check still works below the bound, and the
// cache returns the same answer.
func TestCryptMatchesKnownHash(t *testing.T) {
	cache := &cryptCache{}
	_, impl := cryptMatchesFunc(cache)
	for range 2 {
		got, err := impl(rego.BuiltinContext{}, ast.StringTerm(adminHash1000), ast.StringTerm("admin"))
		if err != nil || got.Value.Compare(ast.Boolean(true)) != 0 {
			t.Fatalf("got %v, %v; want true", got, err)
		}
	}
}

// adminHash1000 is glibc crypt("admin", "$6$rounds=1000$deploylint$").
const adminHash1000 = "$6$rounds=1000$deploylint$AS1lwRlsn2HhiD7pszL54i7z6DpJdH.8CBX3VaHyDlG3P1tKMEcUiKdE/Wi/LTkDqIoN42gTTH5w6y6uniTk6."

// TestCryptAllowance: a check the document's allowance cannot pay for is not computed, matches
// nothing and marks the allowance refused; a cached answer is charged all the same.
func TestCryptAllowance(t *testing.T) {
	_, impl := cryptMatchesFunc(&cryptCache{})
	a := NewCryptAllowance(1500)
	bctx := rego.BuiltinContext{Context: WithCryptAllowance(context.Background(), a)}
	for i, want := range []bool{true, false} {
		got, err := impl(bctx, ast.StringTerm(adminHash1000), ast.StringTerm("admin"))
		if err != nil || got.Value.Compare(ast.Boolean(want)) != 0 {
			t.Fatalf("check %d: got %v, %v; want %v", i, got, err, want)
		}
		if a.Refused() == want {
			t.Errorf("check %d: refused %v", i, a.Refused())
		}
	}
}
