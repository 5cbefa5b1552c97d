package report_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/deploylint/deploylint/report"
)

// TestJSONMatchesSchema validates the JSON report, full and empty, against the published schema.
func TestJSONMatchesSchema(t *testing.T) {
	raw, err := os.ReadFile("testdata/json/schema.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("schema.json")
	if err != nil {
		t.Fatal(err)
	}
	for name, r := range map[string]*report.Report{"full": fixedReport(), "empty": {Tool: report.Tool{Name: "deploylint"}}} {
		w, _ := report.New("json", report.Options{})
		var b bytes.Buffer
		if err := w.Write(&b, r); err != nil {
			t.Fatal(err)
		}
		v, err := jsonschema.UnmarshalJSON(&b)
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(v); err != nil {
			t.Errorf("%s report does not match the schema: %v", name, err)
		}
	}
}
