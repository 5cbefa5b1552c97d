package rules_test

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/deploylint/deploylint/policies"
	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scan"
	"github.com/deploylint/deploylint/scanners/builtin"
)

// TestPrepareTogetherJudgesAsEachKindAlone: the kinds Prepare compiles together, in shares
// of one compiler per core, give every document of the fixtures (each rule's bad and good
// trees, the demo stacks) the findings a kind compiled on its own gives, when its first
// document is judged.
func TestPrepareTogetherJudgesAsEachKindAlone(t *testing.T) {
	ctx := context.Background()
	together, err := rules.NewEngine(ctx, rules.PolicySource{Name: "builtin", FS: policies.FS})
	if err != nil {
		t.Fatal(err)
	}
	if err := together.Prepare(ctx, together.Kinds()); err != nil {
		t.Fatal(err)
	}
	alone, err := rules.NewEngine(ctx, rules.PolicySource{Name: "builtin", FS: policies.FS})
	if err != nil {
		t.Fatal(err)
	}
	trees, err := filepath.Glob(filepath.Join("..", "fixtures", "*", "*"))
	if err != nil {
		t.Fatal(err)
	}
	off := false
	kinds, findings := map[string]bool{}, 0
	for _, tree := range append(trees, filepath.Join("..", "fixtures", "stacks")) {
		if b := filepath.Base(tree); b != "bad" && b != "good" && filepath.Base(filepath.Dir(tree)) != "fixtures" {
			continue
		}
		ins, err := scan.Inputs(scan.Options{Paths: []string{tree}, Registry: builtin.Registry(), CheckGit: &off, CheckPermissions: &off})
		if err != nil {
			continue // a tree of a kind of input Inputs does not take (standard input, a refused path)
		}
		for _, in := range ins {
			want, werr := alone.Eval(ctx, in)
			got, gerr := together.Eval(ctx, in)
			if (werr == nil) != (gerr == nil) || !reflect.DeepEqual(got, want) {
				t.Errorf("%s %s: compiled together %d findings (%v), alone %d (%v)", tree, in.Doc.Path, len(got), gerr, len(want), werr)
			}
			kinds[in.Doc.Kind] = true
			findings += len(want)
		}
	}
	if len(kinds) < 8 || findings < 100 {
		t.Errorf("the fixtures gave %d kinds and %d findings: the comparison saw too little", len(kinds), findings)
	}
}
