package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/deploylint/deploylint/policies"
	"github.com/deploylint/deploylint/report"
	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scanners"
)

// sarifPhysical is a location's file and region.
type sarifPhysical struct {
	ArtifactLocation struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId"`
	} `json:"artifactLocation"`
	Region map[string]int `json:"region"`
}

type sarifLog struct {
	Schema string `json:"$schema"`
	Runs   []struct {
		Tool struct {
			Driver struct {
				Name, Version, SemanticVersion, InformationURI string
				Rules                                          []struct {
					ID               string `json:"id"`
					Name             string `json:"name"`
					HelpURI          string `json:"helpUri"`
					ShortDescription struct{ Text string }
					Help             struct{ Text, Markdown string }
					Properties       map[string]any         `json:"properties"`
					DefaultConfig    struct{ Level string } `json:"defaultConfiguration"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID              string `json:"ruleId"`
			RuleIndex           *int   `json:"ruleIndex"`
			Level               string `json:"level"`
			Message             struct{ Text string }
			PartialFingerprints map[string]string `json:"partialFingerprints"`
			Locations           []struct {
				PhysicalLocation sarifPhysical `json:"physicalLocation"`
			} `json:"locations"`
			RelatedLocations []struct {
				ID               int `json:"id"`
				Message          struct{ Text string }
				PhysicalLocation sarifPhysical `json:"physicalLocation"`
			} `json:"relatedLocations"`
			Suppressions []map[string]any `json:"suppressions"`
		} `json:"results"`
		AutomationDetails struct {
			ID string `json:"id"`
		} `json:"automationDetails"`
	} `json:"runs"`
}

func readSARIF(t *testing.T, raw []byte) sarifLog {
	t.Helper()
	var log sarifLog
	if err := json.Unmarshal(raw, &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("want one run, got %d", len(log.Runs))
	}
	return log
}

func TestSARIFContent(t *testing.T) {
	raw := render(t, "sarif", report.Options{})
	if bytes.Contains(raw, []byte("null")) {
		t.Errorf("SARIF holds a null, which the schema forbids:\n%s", raw)
	}
	run := readSARIF(t, raw).Runs[0]
	d := run.Tool.Driver
	if d.Name != "deploylint" || d.Version != "1.2.3" || d.SemanticVersion != "1.2.3" || d.InformationURI != "https://github.com/deploylint/deploylint" {
		t.Errorf("driver: %+v", d)
	}
	if len(d.Rules) != 6 {
		t.Fatalf("want one descriptor per catalogue rule, got %d", len(d.Rules))
	}
	acl := d.Rules[0]
	if acl.ID != "ACL001" || acl.Name != "CleartextPasswordInUsersAcl" || acl.ShortDescription.Text != "Cleartext password in users.acl" ||
		acl.HelpURI != "https://github.com/deploylint/deploylint/blob/main/docs/rules/ACL001.md" || acl.DefaultConfig.Level != "error" {
		t.Errorf("ACL001 descriptor: %+v", acl)
	}
	for _, part := range []string{"Redis stores the password as written.", "Write #<sha256> instead of >password.", "Use hashed passwords", "https://redis.io/"} {
		if !strings.Contains(acl.Help.Text, part) || !strings.Contains(acl.Help.Markdown, part) {
			t.Errorf("help lacks %q:\n%s\n---\n%s", part, acl.Help.Text, acl.Help.Markdown)
		}
	}
	if tags, _ := acl.Properties["tags"].([]any); len(tags) != 2 || tags[0] != "security" || tags[1] != "redis-acl" {
		t.Errorf("tags: %v", acl.Properties["tags"])
	}
	wantSeverity := map[string]string{"ACL001": "8.0", "ACL020": "1.0", "ENV001": "9.5", "ENV006": "5.5", "ENV010": "3.0", "ENV011": "8.0"}
	for _, r := range d.Rules {
		if s, ok := r.Properties["security-severity"].(string); !ok || s != wantSeverity[r.ID] {
			t.Errorf("%s: security-severity %#v, want the string %q", r.ID, r.Properties["security-severity"], wantSeverity[r.ID])
		}
		if !pascalName.MatchString(r.Name) {
			t.Errorf("%s: name %q is not PascalCase", r.ID, r.Name)
		}
	}

	if len(run.Results) != 6 {
		t.Fatalf("want every finding, suppressed included, got %d results", len(run.Results))
	}
	wantLevel := map[string]string{"ENV001": "error", "ENV011": "error", "ENV006": "warning", "ENV010": "note", "ACL020": "note", "ACL001": "error"}
	for i, r := range run.Results {
		if r.RuleIndex == nil || d.Rules[*r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %d: ruleIndex %v does not point at %s", i, r.RuleIndex, r.RuleID)
		}
		if r.Level != wantLevel[r.RuleID] {
			t.Errorf("result %d (%s): level %q, want %q", i, r.RuleID, r.Level, wantLevel[r.RuleID])
		}
		if len(r.PartialFingerprints["deploylint/v1"]) != 32 {
			t.Errorf("result %d: partial fingerprint %v", i, r.PartialFingerprints)
		}
		if loc := r.Locations[0].PhysicalLocation.ArtifactLocation; loc.URIBaseID != "%SRCROOT%" || strings.HasPrefix(loc.URI, "/") {
			t.Errorf("result %d: location %+v is not relative to %%SRCROOT%%", i, loc)
		}
		if (len(r.Suppressions) > 0) != (r.RuleID == "ENV010") {
			t.Errorf("result %d (%s): suppressions %v", i, r.RuleID, r.Suppressions)
		}
	}
	first := run.Results[0]
	if reg := first.Locations[0].PhysicalLocation.Region; reg["startLine"] != 52 || reg["startColumn"] != 23 || reg["endLine"] != 52 || reg["endColumn"] != 37 {
		t.Errorf("region: %v", reg)
	}
	if first.Message.Text != "OPENC3_REDIS_PASSWORD is the shipped COSMOS default" {
		t.Errorf("message: %q", first.Message.Text)
	}
	if run.Results[1].Level != "error" || run.Results[2].Level != "warning" {
		t.Errorf("levels: %s %s", run.Results[1].Level, run.Results[2].Level)
	}
	// The finding with a related location names the other file's line.
	acl8 := run.Results[5]
	if len(acl8.RelatedLocations) != 1 {
		t.Fatalf("related locations: %+v", acl8)
	}
	if rl := acl8.RelatedLocations[0]; rl.ID != 0 || rl.PhysicalLocation.ArtifactLocation.URI != ".env" || rl.PhysicalLocation.ArtifactLocation.URIBaseID != "%SRCROOT%" ||
		rl.PhysicalLocation.Region["startLine"] != 52 || rl.Message.Text != "OPENC3_REDIS_PASSWORD is set here" {
		t.Errorf("related location: %+v", rl)
	}
	if len(run.Results[0].RelatedLocations) != 0 {
		t.Errorf("a single-file finding has related locations")
	}
	if run.AutomationDetails.ID != "deploylint/" {
		t.Errorf("automationDetails.id %q", run.AutomationDetails.ID)
	}
	s := run.Results[3].Suppressions
	if len(s) != 1 || s[0]["kind"] != "inSource" || s[0]["status"] != "accepted" || s[0]["justification"] != "shared on purpose in the lab" {
		t.Errorf("suppression: %v", s)
	}
}

// TestSARIFEdgeCases: findings the fixed report does not hold.
func TestSARIFEdgeCases(t *testing.T) {
	r := fixedReport()
	r.Tool.Version = "dev"
	r.Findings = []rules.Finding{
		{
			RuleID: "GONE001", Severity: rules.Low, Message: "m", Path: "my stack/.env", Range: scanners.LineRange(3, 1, 4), Fingerprint: "0123456789abcdef0123456789abcdef",
			Suppressed: &rules.Suppression{Kind: "baseline", Justification: "accepted in review"},
		},
		{RuleID: "ENV006", Severity: rules.Medium, Message: "m", Path: "/abs/.env", Range: scanners.Range{}},
	}
	raw := write(t, "sarif", report.Options{}, r)
	run := readSARIF(t, raw).Runs[0]
	if run.Tool.Driver.SemanticVersion != "" {
		t.Errorf("semanticVersion %q for a version that is not semver", run.Tool.Driver.SemanticVersion)
	}
	unknown := run.Results[0]
	if unknown.RuleIndex != nil {
		t.Errorf("a rule missing from the catalogue got ruleIndex %d", *unknown.RuleIndex)
	}
	if u := unknown.Locations[0].PhysicalLocation.ArtifactLocation.URI; u != "my%20stack/.env" {
		t.Errorf("uri %q is not escaped", u)
	}
	if s := unknown.Suppressions; len(s) != 1 || s[0]["kind"] != "external" {
		t.Errorf("baseline suppression: %v", s)
	}
	abs := run.Results[1].Locations[0].PhysicalLocation
	if abs.ArtifactLocation.URI != "file:///abs/.env" || abs.ArtifactLocation.URIBaseID != "" {
		t.Errorf("absolute path: %+v", abs.ArtifactLocation)
	}
	if abs.Region["startLine"] != 1 || len(abs.Region) != 1 {
		t.Errorf("a finding without position must still give startLine 1 and nothing else: %v", abs.Region)
	}
	validateSARIFSchema(t, "edge cases", raw)
}

func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	// The OASIS SARIF 2.1.0 schema (errata 01), kept in testdata so the check runs offline.
	const id = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	raw, err := os.ReadFile("testdata/sarif/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(id, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(id)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func validateSARIFSchema(t *testing.T, name string, raw []byte) {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if err := sarifSchema(t).Validate(v); err != nil {
		t.Errorf("%s does not match the SARIF 2.1.0 schema: %v", name, err)
	}
}

// TestSARIFMatchesSchema validates the golden SARIF, an empty log and the whole built-in
// catalogue against the OASIS schema.
func TestSARIFMatchesSchema(t *testing.T) {
	validateSARIFSchema(t, "golden report", render(t, "sarif", report.Options{}))
	validateSARIFSchema(t, "empty report", write(t, "sarif", report.Options{}, &report.Report{Tool: report.Tool{Name: "deploylint"}}))
	validateSARIFSchema(t, "built-in catalogue", write(t, "sarif", report.Options{}, catalogueReport(t)))
	// The check itself: a null where the schema wants a string must fail.
	bad := bytes.Replace(render(t, "sarif", report.Options{}), []byte(`"status": "accepted"`), []byte(`"status": null`), 1)
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(bad))
	if err != nil {
		t.Fatal(err)
	}
	if sarifSchema(t).Validate(v) == nil {
		t.Error("the schema accepts a null suppression status")
	}
}

// catalogueReport is a report over the real built-in catalogue, with no findings.
func catalogueReport(t *testing.T) *report.Report {
	t.Helper()
	e, err := rules.NewEngine(context.Background(), rules.PolicySource{Name: "policies", FS: policies.FS})
	if err != nil {
		t.Fatal(err)
	}
	return &report.Report{
		Tool:  report.Tool{Name: "deploylint", Version: "1.2.3", InformationURI: "https://github.com/deploylint/deploylint"},
		Rules: e.Catalogue.Rules,
	}
}

// TestSARIFCatalogueDescriptors: every built-in rule gets a friendly name viewers accept and a
// help page.
func TestSARIFCatalogueDescriptors(t *testing.T) {
	run := readSARIF(t, write(t, "sarif", report.Options{}, catalogueReport(t))).Runs[0]
	if len(run.Tool.Driver.Rules) == 0 {
		t.Fatal("no rules")
	}
	for _, r := range run.Tool.Driver.Rules {
		if !pascalName.MatchString(r.Name) {
			t.Errorf("%s: name %q is not PascalCase", r.ID, r.Name)
		}
		if !strings.HasPrefix(r.HelpURI, "https://") {
			t.Errorf("%s: helpUri %q", r.ID, r.HelpURI)
		}
	}
}
