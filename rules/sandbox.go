package rules

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// A custom policy folder is sealed from the built-in policies. What it may call is
// forbiddenBuiltins (and, for a custom folder, no net.*). What it may declare is here: its
// packages and its data stay out of deploylint's own namespace, so it can neither replace nor
// extend a built-in package, library or data document.

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
