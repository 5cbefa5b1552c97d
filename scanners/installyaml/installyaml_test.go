package installyaml_test

import (
	"testing"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/installyaml"
)

func TestMultiDocumentAndBooleans(t *testing.T) {
	src := "security: permissive\noauth_enabled: 'false'\ntelemetry_enabled: true\n---\nsecurity: strict\n"
	doc, err := installyaml.NewDCOS().Parse("genconf/config.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	d := doc.Data.(map[string]any)
	if d["oauth_enabled"] != "false" || d["telemetry_enabled"] != true {
		t.Errorf("string and YAML booleans must stay distinguishable: %v", d)
	}
	if len(doc.Siblings) != 1 || doc.Siblings[0].Data.(map[string]any)["security"] != "strict" {
		t.Fatalf("siblings = %v", doc.Siblings)
	}
	if sp := doc.Siblings[0].Spans[scanners.PathKey("security")]; sp.Key.Start.Line != 5 {
		t.Errorf("second document keeps file positions: %+v", sp)
	}
}

func TestMatch(t *testing.T) {
	d, f := installyaml.NewDCOS(), installyaml.NewFetchML()
	if d.Match("dcos/genconf/config.yaml") != scanners.Match || d.Match("config.yaml") != scanners.MaybeMatch {
		t.Error("dcos Match")
	}
	if f.Match("configs/api/prod.yaml") != scanners.Match || f.Match("configs/worker/prod.yaml") != scanners.MaybeMatch {
		t.Error("fetchml Match")
	}
	if f.Sniff([]byte("apiVersion: v1\nkind: ConfigMap\n")) || d.Sniff([]byte("jobs:\n  build: {}\n")) {
		t.Error("a Kubernetes manifest or a workflow taken for installer YAML")
	}
}
