package rules_test

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"testing"

	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage/inmem"

	"github.com/deploylint/deploylint/policies"
	"github.com/deploylint/deploylint/secret"
)

// regoPlaceholder evaluates lib/secrets.rego's is_placeholder over the shipped defaults data.
func regoPlaceholder(t *testing.T) func(string) bool {
	t.Helper()
	return regoSecrets(t, "is_placeholder")
}

// regoSecrets is a one-argument predicate of lib/secrets.rego.
func regoSecrets(t *testing.T, predicate string) func(string) bool {
	t.Helper()
	src, err := policies.FS.ReadFile("lib/secrets.rego")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := policies.FS.ReadFile("deploylint/data/defaults/data.json")
	if err != nil {
		t.Fatal(err)
	}
	var defaults map[string]any
	if err := json.Unmarshal(raw, &defaults); err != nil {
		t.Fatal(err)
	}
	store := inmem.NewFromObject(map[string]any{"deploylint": map[string]any{
		"data": map[string]any{"defaults": defaults}, "config": map[string]any{"defaults": map[string]any{"passwords": []any{}}},
	}})
	q, err := rego.New(rego.Query("data.deploylint.lib.secrets."+predicate+"(input)"), rego.Module("lib/secrets.rego", string(src)), rego.Store(store)).
		PrepareForEval(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return func(v string) bool {
		rs, err := q.Eval(context.Background(), rego.EvalInput(v))
		if err != nil {
			t.Fatal(err)
		}
		return rs.Allowed()
	}
}

// TestPlaceholderForms: the forms real templates use are placeholders for the rules (Rego)
// and for masking (Go) alike.
func TestPlaceholderForms(t *testing.T) {
	isPlaceholder := regoPlaceholder(t)
	for _, v := range []string{
		"changePassword", "changeRunnerAuthToken", "setYourApiKey", "CHANGE_ME_redis", "change-me",
		"replace-me", "REPLACE_ME", "please-change", "please_set_me", "Please update", "todo",
		"TODO: set a password", "FIXME", "tbd", "<your password>", "changeme",
	} {
		if !isPlaceholder(v) {
			t.Errorf("Rego: %q is not a placeholder", v)
		}
		if !secret.IsPlaceholder(v) {
			t.Errorf("Go: %q is not a placeholder", v)
		}
	}
}

// TestSwitchesAgree: Go and Rego call the same values switches (a boolean or null as
// configuration formats write them: ALLOW_EMPTY_PASSWORD=yes holds no secret), and no password.
func TestSwitchesAgree(t *testing.T) {
	isSwitch := regoSecrets(t, "is_switch")
	for _, v := range []string{"true", "False", " yes ", "NO", "on", "off", "enabled", "Disabled", "enable", "disable", "none", "null", "nil", "~"} {
		if !isSwitch(v) || !secret.IsSwitch(v) {
			t.Errorf("%q: Rego %v, Go %v; want both switches", v, isSwitch(v), secret.IsSwitch(v))
		}
	}
	for _, v := range []string{"yes-Kx9#qL2m", "Truenorth42!", "0n", "offline-Vx7#qP2m", ""} {
		if isSwitch(v) || secret.IsSwitch(v) {
			t.Errorf("%q: Rego %v, Go %v; want neither", v, isSwitch(v), secret.IsSwitch(v))
		}
	}
}

// TestStrongPasswordsAreNoPlaceholders: neither side calls a strong password a placeholder:
// generated ones of every usual alphabet and length, and passphrases that start like an
// instruction (change…, settle…, todoist…).
func TestStrongPasswordsAreNoPlaceholders(t *testing.T) {
	isPlaceholder := regoPlaceholder(t)
	strong := []string{
		"Changeling-Orbit-42!", "settle.Mango.Rapid.91", "Update2024?Kx9#qL", "todoist-Vx7#qP2m",
		"pleased-Quartz-91x", "xylophone-Vx7#qP2m", "Tbd9#Lm2Qx7!wZ", "enterprise-Falcon-38&",
		"correct-horse-battery-staple", "insertion.Kelp.Nova.77",
	}
	// A fixed seed: the same passwords on every run, so a failure can be replayed.
	rng := rand.New(rand.NewChaCha8([32]byte{'d', 'e', 'p', 'l', 'o', 'y'}))
	for _, alphabet := range []string{
		"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
		"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_",
		"0123456789abcdef",
		"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&*+-=?@^_~",
	} {
		for n := 16; n <= 64; n += 4 {
			for range 10 {
				strong = append(strong, random(rng, alphabet, n))
			}
		}
	}
	for _, v := range strong {
		if isPlaceholder(v) {
			t.Errorf("Rego calls a strong password a placeholder: %q", v)
		}
		if secret.IsPlaceholder(v) {
			t.Errorf("Go calls a strong password a placeholder: %q", v)
		}
	}
}

func random(rng *rand.Rand, alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[rng.IntN(len(alphabet))]
	}
	return string(b)
}
