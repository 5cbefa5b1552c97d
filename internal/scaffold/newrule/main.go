// Command newrule writes a new built-in rule's folder, test and fixtures (make rule ID=… KIND=…).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/deploylint/deploylint/internal/scaffold"
	"github.com/deploylint/deploylint/policies"
	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scanners/builtin"
)

func main() {
	var r scaffold.Rule
	flag.StringVar(&r.ID, "id", "", "rule ID, e.g. CMP013")
	flag.StringVar(&r.Name, "name", "", "rule folder and package name, snake_case")
	flag.StringVar(&r.Kind, "kind", "", "the kind the rule judges")
	flag.StringVar(&r.Dir, "dir", "", "the policies/ folder of that kind's rules (default: the kind without dashes)")
	flag.StringVar(&r.Severity, "severity", "medium", "critical, high, medium, low or info")
	root := flag.String("root", ".", "the repository")
	flag.Parse()
	if r.Dir == "" {
		e, err := rules.NewEngine(context.Background(), rules.PolicySource{Name: "builtin", FS: policies.FS})
		if err != nil {
			fmt.Fprintln(os.Stderr, "newrule:", err)
			os.Exit(2)
		}
		r.Dir = scaffold.DefaultDir(e.Catalogue, r.Kind)
	}
	files, err := scaffold.Write(*root, builtin.Registry(), r)
	if err != nil {
		fmt.Fprintln(os.Stderr, "newrule:", err)
		os.Exit(2)
	}
	for _, f := range files {
		fmt.Println("wrote", f)
	}
	fmt.Println("next: write the rule and its tests, replace every TODO, then make docs and make test")
}
