package rules_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/deploylint/deploylint/policies"
	"github.com/deploylint/deploylint/rules"
)

// customRule is a complete custom rule module: METADATA with the given ID, the package, then
// body. The package is on line 9.
func customRule(id, pkg, body string) string {
	return fmt.Sprintf(`# METADATA
# title: T
# description: D
# custom:
#   id: %s
#   severity: low
#   kinds: [dotenv]
#   remediation: none
package %s

%s
`, id, pkg, body)
}

func loadCustom(t *testing.T, files fstest.MapFS, tests bool) (*rules.Engine, error) {
	t.Helper()
	return rules.NewEngineWith(context.Background(), rules.EngineOptions{
		Sources: []rules.PolicySource{{Name: "builtin", FS: policies.FS}, {Name: "org", FS: files, Custom: true}},
		Tests:   tests,
	})
}

func mapFS(files map[string]string) fstest.MapFS {
	out := fstest.MapFS{}
	for p, src := range files {
		out[p] = &fstest.MapFile{Data: []byte(src)}
	}
	return out
}

// TestCustomDataStaysOutOfDeploylint: no data document of a custom folder reaches
// data.deploylint, whether it would replace a built-in value, add beside one, or get there by
// its folder or by its keys; the refusal names the file.
func TestCustomDataStaysOutOfDeploylint(t *testing.T) {
	rule := customRule("ORG100", "deploylint.rules.org.data", `deny contains {"msg": "x"} if false`)
	for name, tc := range map[string]struct{ file, data, want string }{
		"replace a default":   {"deploylint/data/defaults/data.json", `{"weak_passwords": []}`, "org/deploylint/data/defaults/data.json: sets data.deploylint.data.defaults, which belongs"},
		"add a default":       {"deploylint/data/defaults/data.json", `{"my_passwords": ["x"]}`, "org/deploylint/data/defaults/data.json: sets data.deploylint.data.defaults,"},
		"add a kind":          {"deploylint/data/kinds/data.json", `{"dockerfile": {}}`, "org/deploylint/data/kinds/data.json: sets data.deploylint.data.kinds,"},
		"set the config":      {"deploylint/config/data.json", `{"passwords": ["x"]}`, "org/deploylint/config/data.json: sets data.deploylint.config,"},
		"by its keys":         {"data.json", `{"deploylint": {"data": {"defaults": {"extra": 1}}}}`, "org/data.json: sets data.deploylint,"},
		"under a rule":        {"deploylint/rules/org/data/data.json", `{"x": 1}`, "org/deploylint/rules/org/data/data.json: sets data.deploylint.rules.org.data,"},
		"an empty deploylint": {"data.json", `{"deploylint": {}}`, "org/data.json: sets data.deploylint,"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := loadCustom(t, mapFS(map[string]string{"data/data.rego": rule, tc.file: tc.data}), false)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error containing %q", err, tc.want)
			}
		})
	}
	// Data of its own, anywhere else, loads.
	if _, err := loadCustom(t, mapFS(map[string]string{"data/data.rego": rule, "org/data.json": `{"words": ["a"]}`, "data.json": `{"acme": {"x": 1}}`}), false); err != nil {
		t.Fatal(err)
	}
}

// TestCustomPackagesStayOutOfDeploylint: a custom module (test modules included) whose package
// is deploylint's own is refused with its file and the package's line, before anything of it
// is read as a rule; packages under deploylint.rules.<a name no built-in rule uses>, or outside
// deploylint, load.
func TestCustomPackagesStayOutOfDeploylint(t *testing.T) {
	refused := []string{
		"deploylint.lib.result",                      // extends the result library
		"deploylint.lib.secrets",                     // extends the secret names
		"deploylint.lib.mine",                        // a new library beside them
		"deploylint.rules.dotenv.placeholder_secret", // adds findings to a built-in rule
		"deploylint.rules.dotenv.mine",               // a rule among the built-in dotenv ones
		"deploylint.rules.meta.eval_stopped",         // META003 itself
		"deploylint.data.defaults",                   // virtual documents in the built-in data
		"deploylint.data",
		"deploylint.config",
		"deploylint.test.dotenv", // the tests' input builders
		"deploylint.rules",
		"deploylint",
	}
	for _, pkg := range refused {
		t.Run(pkg, func(t *testing.T) {
			_, err := loadCustom(t, mapFS(map[string]string{"x/x.rego": customRule("ORG100", pkg, `deny contains {"msg": "x"} if false`)}), false)
			want := "org/x/x.rego:9: package " + pkg + " belongs to deploylint's built-in policies"
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Fatalf("got %v, want an error containing %q", err, want)
			}
		})
	}
	// A test module is checked too (deploylint test loads it beside the built-in tests).
	_, err := loadCustom(t, mapFS(map[string]string{
		"x/x.rego":      customRule("ORG100", "deploylint.rules.org.x", `deny contains {"msg": "x"} if false`),
		"x/x_test.rego": "package deploylint.lib.result_test\n\ntest_x if true\n",
	}), true)
	if err == nil || !strings.Contains(err.Error(), "org/x/x_test.rego:1: package deploylint.lib.result_test belongs to") {
		t.Fatalf("a test module in deploylint.lib loaded: %v", err)
	}
	for _, pkg := range []string{"deploylint.rules.org.x", "deploylint.rules.acme.dotenv.x", "acme.rules.x"} {
		files := map[string]string{"x/x.rego": customRule("ORG100", pkg, `deny contains {"msg": "x"} if false`)}
		if !strings.HasPrefix(pkg, "deploylint.rules.") {
			files["x/x.rego"] = "package " + pkg + "\n\nhelper := 1\n"
		}
		if _, err := loadCustom(t, mapFS(files), false); err != nil {
			t.Errorf("package %s: %v", pkg, err)
		}
	}
}

// TestCustomFolderCannotReplaceBuiltinFiles: a custom folder named like the built-in source
// would put its files at the built-in files' names, replacing the result library without
// declaring any of deploylint's packages.
func TestCustomFolderCannotReplaceBuiltinFiles(t *testing.T) {
	files := mapFS(map[string]string{"lib/result.rego": "package acme.lib\n\nat(p, m) := {}\n"})
	_, err := rules.NewEngine(context.Background(), rules.PolicySource{Name: "builtin", FS: policies.FS}, rules.PolicySource{Name: "builtin", FS: files, Custom: true})
	if err == nil || !strings.Contains(err.Error(), "builtin/lib/result.rego: a policy file of this name is already loaded") {
		t.Fatalf("got %v", err)
	}
}

// TestCustomRulesCannotReplaceFunctions: a function replaced by `with` in a custom rule runs
// outside the engine's bounds on built-in calls; documents may still be replaced.
func TestCustomRulesCannotReplaceFunctions(t *testing.T) {
	for name, tc := range map[string]struct{ body, want string }{
		"a built-in": {`f(_, b) := concat("", b)

deny contains {"msg": x} if {
	x := concat("", ["a"]) with concat as f
}`, "org/x/x.rego:14:25: `with concat as …` replaces a function"},
		"a rule function": {`g(x) := x

h(x) := concat("", [x, x])

deny contains {"msg": x} if {
	x := g("a") with g as h
}`, "org/x/x.rego:16:14: `with data.deploylint.rules.org.x.g as …` replaces a function"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := loadCustom(t, mapFS(map[string]string{"x/x.rego": customRule("ORG100", "deploylint.rules.org.x", tc.body)}), false)
			if err == nil || strings.Count(err.Error(), tc.want) != 1 {
				t.Fatalf("got %v, want one error containing %q", err, tc.want)
			}
		})
	}
	ok := customRule("ORG100", "deploylint.rules.org.x", `words := ["a"]

deny contains {"msg": concat(",", w)} if {
	w := words with input as {} with data.deploylint.rules.org.x.words as ["b"]
}`)
	if _, err := loadCustom(t, mapFS(map[string]string{"x/x.rego": ok}), false); err != nil {
		t.Fatalf("replacing documents: %v", err)
	}
	// Tests mock what they like.
	test := "package deploylint.rules.org.x_test\n\nimport data.deploylint.rules.org.x\n\nf(_, b) := \"\"\n\ntest_x if {\n\tcount(x.deny) == 1 with concat as f\n}\n"
	if _, err := loadCustom(t, mapFS(map[string]string{"x/x.rego": ok, "x/x_test.rego": test}), true); err != nil {
		t.Fatalf("a test's mock: %v", err)
	}
}

// TestCustomTemplateStringsAreRefused: internal.template_string cannot be replaced by `with`,
// so the string it builds cannot be bounded.
func TestCustomTemplateStringsAreRefused(t *testing.T) {
	src := customRule("ORG100", "deploylint.rules.org.x", `deny contains {"msg": x} if {
	some v in input.data.vars
	x := $"{v.name}{v.name}"
}`)
	_, err := loadCustom(t, mapFS(map[string]string{"x/x.rego": src}), false)
	if err == nil || !strings.Contains(err.Error(), "org/x/x.rego:13:7: template strings are not allowed in custom policies") {
		t.Fatalf("got %v", err)
	}
}

// TestRuleOutsideRulesPackageRefused: a custom module whose METADATA names a rule but whose
// package is not under deploylint.rules would never run; loading it says so, naming the file.
func TestRuleOutsideRulesPackageRefused(t *testing.T) {
	src := customRule("ORG300", "org.lost", `deny contains {"msg": "never"} if true`)
	_, err := rules.NewEngineWith(context.Background(), rules.EngineOptions{
		Sources: []rules.PolicySource{{Name: "org", FS: mapFS(map[string]string{"lost.rego": src}), Custom: true}},
	})
	if err == nil || !strings.Contains(err.Error(), "lost.rego: package org.lost declares rule ORG300 but is not under deploylint.rules") {
		t.Fatalf("want the rule refused, got %v", err)
	}
}
