package rules_test

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/deploylint/deploylint/policies"
	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scanners"
)

// TestConfigDefaultIsAnEmptyConfiguration: what plain opa sees at data.deploylint.config is what
// a scan without .deploylint.hcl settings gives the policies.
func TestConfigDefaultIsAnEmptyConfiguration(t *testing.T) {
	raw, err := policies.FS.ReadFile("deploylint/config/" + rules.DataFile)
	if err != nil {
		t.Fatal(err)
	}
	var got, want any
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal((&rules.Config{}).PolicyData())
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("deploylint/config/data.json is %v; an empty configuration gives %v", got, want)
	}
}

// TestDataPathIsTheFolder: a data.json lands where its folder says, as OPA's loader puts it, and
// a user's folder may add data of its own but never replace the built-in data (sandbox_test.go
// has every way of trying).
func TestDataPathIsTheFolder(t *testing.T) {
	ctx := context.Background()
	src := `# METADATA
# title: T
# description: D
# custom:
#   id: ORG100
#   severity: low
#   kinds: [dotenv]
#   remediation: none
package deploylint.rules.org.data

deny contains {"msg": sprintf("%v %v", [data.org.words, count(data.deploylint.data.defaults.weak_passwords) > 0])} if true
`
	user := fstest.MapFS{
		"org/data/data.rego": {Data: []byte(src)},
		"org/data.json":      {Data: []byte(`{"words": ["a"]}`)},
	}
	e, err := rules.NewEngine(ctx, rules.PolicySource{Name: "builtin", FS: policies.FS}, rules.PolicySource{Name: "org", FS: user, Custom: true})
	if err != nil {
		t.Fatal(err)
	}
	doc := &scanners.Document{Kind: "dotenv", Path: ".env", Data: map[string]any{"vars": []any{}}, Spans: scanners.Spans{}}
	fs, err := e.Eval(ctx, rules.Input{Doc: doc})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range fs {
		if f.RuleID == "ORG100" {
			found = true
			if f.Message != `["a"] true` {
				t.Errorf("ORG100 says %q", f.Message)
			}
		}
	}
	if !found {
		t.Fatal("ORG100 did not run")
	}

	user["deploylint/data/defaults/data.json"] = &fstest.MapFile{Data: []byte(`{"weak_passwords": []}`)}
	_, err = rules.NewEngine(ctx, rules.PolicySource{Name: "builtin", FS: policies.FS}, rules.PolicySource{Name: "org", FS: user, Custom: true})
	if err == nil || !strings.Contains(err.Error(), "org/deploylint/data/defaults/data.json: sets data.deploylint.data.defaults") {
		t.Fatalf("a user's data replaced the built-in data: %v", err)
	}
}
