package rules_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage/inmem"

	"github.com/deploylint/deploylint/policies"
	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scan"
	"github.com/deploylint/deploylint/scanners/builtin"
	"github.com/deploylint/deploylint/secret"
)

// classified reads every fixture (and the corpus, when it is beside the project) as a scan
// does, with input.values asked for where the kind's registry entry says so.
func classified(t *testing.T) []rules.Input {
	t.Helper()
	paths := []string{filepath.Join("..", "fixtures")}
	if _, err := os.Stat(filepath.Join("..", "..", "shared", "corpus")); err == nil {
		paths = append(paths, filepath.Join("..", "..", "shared", "corpus"))
	} else {
		t.Log("corpus absent (../../shared/corpus): fixtures only")
	}
	off := false
	var out []rules.Input
	for _, p := range paths {
		ins, err := scan.Inputs(scan.Options{Paths: []string{p}, Registry: builtin.Registry(), CheckGit: &off, CheckPermissions: &off})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, ins...)
	}
	return out
}

// orgPasswords stand in for a configuration's defaults { passwords = [...] }.
var orgPasswords = []string{"Acme-Corp-2024!", "openc3password"}

// TestValueClassesMatchRego checks the Go catalogue behind input.values against its definition
// in Rego (secrets.class_of) on every string of every document the fixtures and the corpus
// hand the rules, the strings of the defaults data, and edge cases of trimming, case, length
// and Unicode. A rule asking secrets.class(s) must get the same answer whichever side gives it.
func TestValueClassesMatchRego(t *testing.T) {
	defaults, raw := rules.ShippedDefaults(t)
	seen := map[string]bool{}
	add := func(s string) { seen[s] = true }
	for _, in := range classified(t) {
		rules.WalkStrings(in.Doc.Data, add)
		if in.Stack != nil {
			for k, v := range in.Stack.Env {
				add(k)
				add(v.Value)
			}
		}
	}
	public, err := secret.PublicValues(raw)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range append(public, orgPasswords...) {
		for _, v := range []string{s, strings.ToUpper(s), "  " + s + "\t", s + "x", "x" + s} {
			add(v)
		}
	}
	for _, s := range []string{
		"", " ", "CHANGEME", " changeme ", "Change_Me_now", "<your password>", "<a><b>", "xxx", "XXXXXX", "***", "...",
		"todo", "TODO: set", "todo-password", "please change", "Please_Replace", "changePassword", "changeling",
		"setYourKey", "SETYOURKEY", "your_token_here", "REPLACE-ME", "\u212a", "\u212aey", "naïve", "密码",
		strings.Repeat("x", 256), strings.Repeat("x", 257), strings.Repeat("é", 256), strings.Repeat("é", 257),
		strings.Repeat(" ", 300) + "changeme", strings.Repeat("<", 300) + ">", "REDIS_PASSWORD", "db_pw", "PW", "PWD",
		"api_key", "MY_SECRET_KEY", "secretive", "PASSWORD_FILE",
	} {
		add(s)
	}
	strs := make([]string, 0, len(seen))
	for s := range seen {
		strs = append(strs, s)
	}
	sort.Strings(strs)

	cat, err := secret.NewCatalog(defaults, orgPasswords)
	if err != nil {
		t.Fatal(err)
	}
	src, err := fs.ReadFile(policies.FS, "lib/secrets.rego")
	if err != nil {
		t.Fatal(err)
	}
	org := make([]any, len(orgPasswords))
	for i, p := range orgPasswords {
		org[i] = p
	}
	data := map[string]any{"deploylint": map[string]any{
		"data":   map[string]any{"defaults": defaults},
		"config": map[string]any{"defaults": map[string]any{"passwords": org}},
	}}
	in := make([]any, len(strs))
	for i, s := range strs {
		in[i] = s
	}
	rs, err := rego.New(
		rego.Query("x := [data.deploylint.lib.secrets.class_of(s) | some s in input]"),
		rego.Module("lib/secrets.rego", string(src)),
		rego.Store(inmem.NewFromObject(data)),
		rego.Input(in),
	).Eval(context.Background())
	if err != nil || len(rs) != 1 {
		t.Fatalf("evaluate class_of: %v (%d results)", err, len(rs))
	}
	got, _ := rs[0].Bindings["x"].([]any)
	if len(got) != len(strs) {
		t.Fatalf("class_of answered %d of %d strings", len(got), len(strs))
	}
	for i, s := range strs {
		c := cat.Class(s)
		want := map[string]any{"placeholder": c.Placeholder, "shipped": c.Shipped, "weak": c.Weak, "org": c.Org, "secret_name": c.SecretName}
		if !reflect.DeepEqual(got[i], want) {
			t.Errorf("%q: Go says %v, Rego %v", s, want, got[i])
		}
	}
	t.Logf("%d strings compared", len(strs))
}

// TestValueClassesChangeNoFinding evaluates every fixture and corpus document twice, with
// input.values and without it (Rego classifying every string itself), and requires the same
// findings: the table only makes the answers cheaper.
func TestValueClassesChangeNoFinding(t *testing.T) {
	ctx := context.Background()
	e, err := rules.NewEngineWith(ctx, rules.EngineOptions{
		Sources: []rules.PolicySource{{Name: "builtin", FS: policies.FS}},
		Config:  map[string]any{"defaults": map[string]any{"passwords": []any{"Acme-Corp-2024!"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, in := range classified(t) {
		if !in.Classify {
			continue
		}
		n++
		with, err := e.Eval(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		in.Classify = false
		without, err := e.Eval(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		rules.SortFindings(with)
		rules.SortFindings(without)
		if !reflect.DeepEqual(with, without) {
			t.Errorf("%s: %d findings with input.values, %d without", in.Doc.Path, len(with), len(without))
		}
	}
	if n == 0 {
		t.Fatal("no document asked for input.values")
	}
	t.Logf("%d documents compared", n)
}
