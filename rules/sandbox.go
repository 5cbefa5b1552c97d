package rules

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/types"
)

// A custom policy folder is sealed from the built-in policies. What it may call is
// forbiddenBuiltins (and, for a custom folder, no net.* and no template strings); how much one
// of its built-in calls may build is bounded.go. What it may declare is here: its packages and
// its data stay out of deploylint's own namespace, so it can neither replace nor extend a
// built-in package, library or data document, and its rules do not replace functions with
// `with`, which would run them outside the bounds.

// reservedRoot is the root of every built-in package and data document.
const reservedRoot = "deploylint"

// builtinNamespaces are the <name>s of the built-in rule packages deploylint.rules.<name>.…:
// a custom package may use any other.
func builtinNamespaces(pkgs [][]string) []string {
	seen := map[string]bool{}
	for _, p := range pkgs {
		if len(p) >= 3 && p[0] == reservedRoot && p[1] == "rules" {
			seen[p[2]] = true
		}
	}
	return slices.Sorted(maps.Keys(seen))
}

// customPackageAllowed: a custom package lies outside data.deploylint, or under
// deploylint.rules.<name> with a <name> no built-in package uses. Every rule of a module is at
// or below its package's path (a rule head is a reference relative to the package), so the
// package alone decides whether a module can reach a built-in document.
func customPackageAllowed(pkg []string, reserved []string) bool {
	if len(pkg) == 0 || pkg[0] != reservedRoot {
		return true
	}
	return len(pkg) >= 3 && pkg[1] == "rules" && !slices.Contains(reserved, pkg[2])
}

// refuseShadowing names the file and line of every custom module whose package is one of
// deploylint's own, tests included: `package deploylint.lib.result` would add rules to the
// result library every built-in rule uses, `package deploylint.rules.dotenv.placeholder_secret`
// findings to a built-in rule, `package deploylint.data.defaults` entries to the shipped defaults.
func refuseShadowing(ms []module, reserved []string) error {
	var errs []error
	for _, m := range ms {
		pkg := refStrings(m.mod.Package.Path)
		if customPackageAllowed(pkg, reserved) {
			continue
		}
		line := 0
		if loc := m.mod.Package.Location; loc != nil {
			line = loc.Row
		}
		errs = append(errs, fmt.Errorf("%s:%d: package %s belongs to deploylint's built-in policies: a custom policy's package must be deploylint.rules.<name>… with a <name> no built-in rule uses (not %s), or lie outside deploylint",
			m.file, line, strings.Join(pkg, "."), strings.Join(reserved, ", ")))
	}
	return errors.Join(errs...)
}

// refuseCustomData refuses a data document of a custom folder that reaches data.deploylint,
// whether by its folder (deploylint/data/defaults/data.json) or by its keys (a data.json at the
// folder's top holding {"deploylint": …}): adding beside the built-in data is as much a change
// to what the built-in rules read as replacing it.
func refuseCustomData(file string, at []string, doc map[string]any) error {
	if _, ok := doc[reservedRoot]; !ok {
		return nil
	}
	where := "data." + reservedRoot
	if len(at) > 0 {
		where = "data." + strings.Join(at, ".")
	}
	return fmt.Errorf("%s: sets %s, which belongs to deploylint's built-in policies: a custom policy folder's data must lie outside data.deploylint", file, where)
}

// refuseFunctionMocks names every `with` of a custom rule module that replaces a function (a
// built-in or a rule function): the replacement runs without the replaced function's caller's
// `with` modifiers, and so without the bounds the engine puts on a custom rule's built-in calls
// (bounded.go). Tests (_test.rego) may mock what they like: they are not part of a scan.
func refuseFunctionMocks(c *ast.Compiler, files []string) error {
	var errs []error
	seen := map[string]bool{} // the compiler may copy a `with` to the expressions it rewrites one into
	for _, f := range files {
		m := c.Modules[f]
		if m == nil {
			continue
		}
		ast.WalkExprs(m, func(x *ast.Expr) bool {
			for _, w := range x.With {
				ref, ok := w.Target.Value.(ast.Ref)
				if !ok || !replacesFunction(c, ref) {
					continue
				}
				line, col := 0, 0
				if w.Location != nil {
					line, col = w.Location.Row, w.Location.Col
				}
				msg := fmt.Sprintf("%s:%d:%d: `with %s as …` replaces a function: a custom rule may replace input and data documents with `with`, not functions (keep function mocks in _test.rego files)", f, line, col, ref)
				if !seen[msg] {
					seen[msg] = true
					errs = append(errs, errors.New(msg))
				}
			}
			return false
		})
	}
	return errors.Join(errs...)
}

func replacesFunction(c *ast.Compiler, ref ast.Ref) bool {
	switch {
	case ref.HasPrefix(ast.InputRootRef):
		return false
	case ref.HasPrefix(ast.DefaultRootRef):
		_, fn := c.TypeEnv.GetByRef(ref).(*types.Function)
		return fn
	default:
		return true // a built-in's name
	}
}

// refuseTemplateStrings names every template string ($"…{x}…") of a custom module. The
// compiler turns one into a call of internal.template_string, which `with` cannot replace, so
// the engine cannot bound the string it builds ($"{s}{s}" doubles s, and a chain of them grows
// past any memory); sprintf and concat do the same work within the bounds.
func refuseTemplateStrings(m module) []error {
	var errs []error
	ast.WalkTerms(m.mod, func(t *ast.Term) bool {
		if _, ok := t.Value.(*ast.TemplateString); ok {
			line, col := 0, 0
			if t.Location != nil {
				line, col = t.Location.Row, t.Location.Col
			}
			errs = append(errs, fmt.Errorf("%s:%d:%d: template strings are not allowed in custom policies: the string they build cannot be bounded; use sprintf", m.file, line, col))
		}
		return false
	})
	return errs
}
