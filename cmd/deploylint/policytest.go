package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/deploylint/deploylint/policies"
	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scan"
)

func (a *app) testCmd() *cobra.Command {
	var verbose bool
	return &cobra.Command{
		Use:   "test DIR...",
		Short: "Run the Rego unit tests (_test.rego) of custom policy folders",
		Example: `  deploylint test policies/
  deploylint test policies/ team-policies/`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, dirs []string) error {
			sources := []rules.PolicySource{{Name: "builtin", FS: policies.FS}}
			var names []string
			for _, d := range dirs {
				src, err := scan.PolicyFolder(d)
				if err != nil {
					return fmt.Errorf("test: %s is not a folder", d)
				}
				names = append(names, src.Name)
				sources = append(sources, src)
			}
			e, err := rules.NewEngineWith(cmd.Context(), rules.EngineOptions{Sources: sources, Tests: true})
			if err != nil {
				return fmt.Errorf("load policies: %w", err)
			}
			results, err := e.RunTests(cmd.Context())
			if err != nil {
				return err
			}
			pass, fail := 0, 0
			for _, r := range results {
				if !underAny(r.File, names) {
					continue // the built-in policies' own tests
				}
				where := fmt.Sprintf("%s:%d", r.File, r.Line)
				switch {
				case r.Err != nil:
					fail++
					fmt.Fprintf(a.stdout, "ERROR %s.%s (%s): %v\n", r.Package, r.Name, where, r.Err)
				case r.Fail:
					fail++
					fmt.Fprintf(a.stdout, "FAIL  %s.%s (%s)\n", r.Package, r.Name, where)
				default:
					pass++
					if verbose {
						fmt.Fprintf(a.stdout, "PASS  %s.%s (%s)\n", r.Package, r.Name, where)
					}
				}
				if r.Output != "" && (verbose || r.Fail || r.Err != nil) {
					fmt.Fprint(a.stdout, indent(r.Output))
				}
			}
			if pass+fail == 0 {
				return fmt.Errorf("test: no test rules (test_*) in %s", strings.Join(names, ", "))
			}
			fmt.Fprintf(a.stdout, "%d passed, %d failed\n", pass, fail)
			if fail > 0 {
				a.code = exitFindings
			}
			return nil
		},
	}
}

func underAny(file string, dirs []string) bool {
	for _, d := range dirs {
		if strings.HasPrefix(file, d+"/") {
			return true
		}
	}
	return false
}

func indent(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return "    " + strings.Join(lines, "\n    ") + "\n"
}
