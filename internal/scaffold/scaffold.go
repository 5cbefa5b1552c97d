// Package scaffold writes the pieces of a new built-in rule, so that none is forgotten: the
// Rego rule with complete METADATA, its test, and the bad/ and good/ fixtures the harness reads.
// What the rule finds is left to its author; the test and the bad/ fixture fail until then.
package scaffold

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scanners"
)

// Rule says what to write.
type Rule struct {
	// ID is the rule's ID (CMP013); Name its folder and package name (snake_case).
	ID, Name string
	// Kind is the kind the rule judges; Dir the policies/ folder of that kind's rules.
	Kind, Dir string
	// Severity is critical, high, medium, low or info.
	Severity string
}

var (
	idPattern   = regexp.MustCompile(`^[A-Z]+[0-9]{3}$`)
	namePattern = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
)

// Write creates the rule's files under root (the repository) and returns their paths. It never
// overwrites: a rule or fixture that exists is an error.
func Write(root string, reg *scanners.Registry, r Rule) ([]string, error) {
	k, ok := reg.Lookup(r.Kind)
	switch {
	case !idPattern.MatchString(r.ID):
		return nil, fmt.Errorf("rule ID %q: want letters then three digits (CMP013)", r.ID)
	case !namePattern.MatchString(r.Name):
		return nil, fmt.Errorf("rule name %q: want snake_case (default_password)", r.Name)
	case !ok || k.Scanner == nil:
		return nil, fmt.Errorf("kind %q: want one of %s", r.Kind, strings.Join(reg.Names(true), ", "))
	case !namePattern.MatchString(r.Dir):
		return nil, fmt.Errorf("policy folder %q: want a folder name such as %s", r.Dir, strings.ReplaceAll(r.Kind, "-", ""))
	}
	if r.Severity == "" {
		r.Severity = "medium"
	}
	pkg := "deploylint.rules." + r.Dir + "." + r.Name
	ruleDir := filepath.Join(root, "policies", r.Dir, r.Name)
	example := filepath.FromSlash(k.Example)
	files := map[string]string{
		filepath.Join(ruleDir, r.Name+".rego"):                        ruleSource(r, pkg),
		filepath.Join(ruleDir, r.Name+"_test.rego"):                   testSource(r, pkg, k.Example),
		filepath.Join(root, "fixtures", r.ID, "good", example):        "",
		filepath.Join(root, "fixtures", r.ID, "bad", example):         badFixture(r, k),
		filepath.Join(root, "fixtures", r.ID, "bad", example+".want"): "",
	}
	if k.Comments != scanners.CommentNone {
		delete(files, filepath.Join(root, "fixtures", r.ID, "bad", example+".want"))
	} else {
		files[filepath.Join(root, "fixtures", r.ID, "bad", example+".want")] = "1 " + r.ID + "\n"
	}
	var written []string
	for p := range files {
		if _, err := os.Lstat(p); err == nil {
			return nil, fmt.Errorf("scaffold %s: %s exists already", r.ID, p)
		} else if !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("scaffold %s: %w", r.ID, err)
		}
	}
	for _, p := range slices.Sorted(maps.Keys(files)) {
		if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
			return written, fmt.Errorf("scaffold %s: %w", r.ID, err)
		}
		if err := os.WriteFile(p, []byte(files[p]), 0o600); err != nil {
			return written, fmt.Errorf("scaffold %s: %w", r.ID, err)
		}
		written = append(written, p)
	}
	return written, nil
}

// ruleSource is the rule with every METADATA field its catalogue needs, marked TODO where only
// its author can say: the catalogue test refuses a TODO, so the rule cannot ship half written.
func ruleSource(r Rule, pkg string) string {
	return fmt.Sprintf(`# METADATA
# title: TODO one line that names what is wrong
# description: |
#   TODO what the rule finds, why it matters, and what it does not report.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/%[1]s.md
#     description: rule documentation
# custom:
#   id: %[1]s
#   severity: %[2]s
#   kinds: [%[3]s]
#   remediation: >-
#     TODO what to change, naming the setting.
#   guide: 'TODO guide name: "the sentence it enforces"'
package %[4]s

import data.deploylint.lib.result

# TODO: report at the offending part of input.data (result.at, result.key or result.file), with a
# message that names what to change and never a secret value.
deny contains result.file("TODO") if {
	false
}
`, r.ID, r.Severity, r.Kind, pkg)
}

func testSource(r Rule, pkg, example string) string {
	short := pkg[strings.LastIndex(pkg, ".")+1:]
	return fmt.Sprintf(`package %[1]s_test

import data.%[1]s

# TODO: the smallest input that must be reported; it fails until the rule is written.
test_reported if {
	count(%[2]s.deny) == 1 with input as {"kind": %[3]q, "path": %[4]q, "data": {}}
}

# TODO: the nearest input that must not be reported.
test_not_reported if {
	count(%[2]s.deny) == 0 with input as {"kind": %[3]q, "path": %[4]q, "data": {}}
}
`, pkg, short, r.Kind, example)
}

// badFixture marks the line the rule must report, in the file itself where the kind has
// comments and in the sidecar .want file where it has none.
func badFixture(r Rule, k scanners.Kind) string {
	if k.Comments == scanners.CommentNone {
		return "TODO a line the rule must report\n"
	}
	return "# TODO: a real " + k.Title + " whose marked line the rule must report\nTODO # want " + r.ID + "\n"
}

// DefaultDir is the policies/ folder a new rule of kind goes to: the one holding most of the
// built-in rules that judge that kind alone, or the kind's name without dashes for a kind no
// rule judges yet.
func DefaultDir(cat *rules.Catalogue, kind string) string {
	count := map[string]int{}
	best := ""
	for _, r := range cat.Rules {
		if r.Custom || len(r.Kinds) != 1 || r.Kinds[0] != kind {
			continue
		}
		// r.File is builtin/<dir>/<rule>/<rule>.rego.
		parts := strings.Split(r.File, "/")
		if len(parts) < 4 {
			continue
		}
		d := parts[len(parts)-3]
		count[d]++
		if count[d] > count[best] || (count[d] == count[best] && d < best) {
			best = d
		}
	}
	if best == "" {
		return strings.ReplaceAll(kind, "-", "")
	}
	return best
}
