package report_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/deploylint/deploylint/report"
	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scanners"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// fixedReport is a hand-built report covering every severity, two files, a suppressed finding.
func fixedReport() *report.Report {
	rs := []*rules.Rule{
		{
			ID: "ACL001", Title: "Cleartext password in users.acl", Description: "Redis stores the password as written.", Severity: rules.High,
			Kinds: []string{"redis-acl"}, Remediation: "Write #<sha256> instead of >password.", Guide: `COSMOS security guide: "Use hashed passwords"`,
			Resources: []rules.Resource{{URL: "https://github.com/deploylint/deploylint/blob/main/docs/rules/ACL001.md", Description: "rule documentation"}},
		},
		{
			ID: "ENV001", Title: "COSMOS Redis password is the shipped default", Description: "Everyone knows the default.", Severity: rules.Critical,
			Kinds: []string{"dotenv"}, Remediation: "Set a unique random password.",
		},
		{ID: "ENV006", Title: "HTTP explicitly allowed", Description: "HTTP is allowed.", Severity: rules.Medium, Kinds: []string{"dotenv"}, Remediation: "Remove it."},
		{ID: "ENV010", Title: "Same secret value reused across variables", Description: "Reuse widens a leak.", Severity: rules.Low, Kinds: []string{"dotenv"}, Remediation: "Use distinct values."},
		{ID: "DCOS010", Title: "Placeholder customer key", Description: "Placeholder.", Severity: rules.Info, Kinds: []string{"dcos-config"}, Remediation: "Set the key."},
	}
	r := scanners.LineRange
	return &report.Report{
		Tool:  report.Tool{Name: "deploylint", Version: "1.2.3", InformationURI: "https://github.com/deploylint/deploylint"},
		Rules: rs,
		Findings: []rules.Finding{
			{RuleID: "ENV001", Severity: rules.Critical, Message: `OPENC3_REDIS_PASSWORD is the shipped COSMOS default "openc3password"`, Path: ".env", Range: r(52, 23, 37), Fingerprint: "aaaa0000aaaa0000aaaa0000aaaa0000"},
			{RuleID: "ENV001", Severity: rules.High, Message: "OPENC3_SR_REDIS_PASSWORD is the shipped COSMOS default", Path: ".env", Range: r(56, 26, 46), Fingerprint: "bbbb0000bbbb0000bbbb0000bbbb0000"},
			{RuleID: "ENV006", Severity: rules.Medium, Message: "OPENC3_ALLOW_HTTP is set", Path: ".env", Range: r(81, 1, 18), Fingerprint: "cccc0000cccc0000cccc0000cccc0000"},
			{
				RuleID: "ENV010", Severity: rules.Low, Message: "B reuses the value of A", Path: ".env", Range: r(90, 3, 9), Fingerprint: "dddd0000dddd0000dddd0000dddd0000",
				Suppressed: &rules.Suppression{Kind: "inline", Justification: "shared on purpose in the lab"},
			},
			{RuleID: "ACL001", Severity: rules.High, Message: "user openc3 has a cleartext password (>…)", Path: "openc3-redis/users.acl", Range: r(2, 16, 30), Fingerprint: "eeee0000eeee0000eeee0000eeee0000"},
		},
		Files:    []string{".env", "openc3-redis/users.acl", "other/.env"},
		Duration: 7 * time.Millisecond,
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test ./report -update to accept):\n%s", p, got)
	}
}

func render(t *testing.T, format string, opt report.Options) []byte {
	t.Helper()
	w, err := report.New(format, opt)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := w.Write(&b, fixedReport()); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestGoldens(t *testing.T) {
	golden(t, "text/report.golden", render(t, "text", report.Options{}))
	golden(t, "text/report-color.golden", render(t, "text", report.Options{Color: true}))
	golden(t, "json/report.golden", render(t, "json", report.Options{}))
	golden(t, "sarif/report.golden", render(t, "sarif", report.Options{}))
}

func TestTextHidesSuppressedAndCountsThem(t *testing.T) {
	out := string(render(t, "text", report.Options{}))
	if strings.Contains(out, "ENV010") {
		t.Error("a suppressed finding is printed")
	}
	if !strings.Contains(out, "4 findings (1 critical, 2 high, 1 medium) in 2 files, 1 suppressed; 3 files scanned in 7 ms") {
		t.Errorf("summary wrong:\n%s", out)
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("colour without Options.Color")
	}
	if !strings.Contains(string(render(t, "text", report.Options{Color: true})), "\x1b[") {
		t.Error("no colour with Options.Color")
	}
}

func TestEmptyReport(t *testing.T) {
	w, _ := report.New("text", report.Options{})
	var b bytes.Buffer
	if err := w.Write(&b, &report.Report{Files: []string{"a"}, Duration: time.Millisecond}); err != nil {
		t.Fatal(err)
	}
	if b.String() != "no findings; 1 file scanned in 1 ms\n" {
		t.Errorf("got %q", b.String())
	}
	for _, f := range []string{"json", "sarif"} {
		w, _ := report.New(f, report.Options{})
		var b bytes.Buffer
		if err := w.Write(&b, &report.Report{Tool: report.Tool{Name: "deploylint", Version: "1.0.0", InformationURI: "https://x"}}); err != nil {
			t.Fatal(err)
		}
		var v map[string]any
		if err := json.Unmarshal(b.Bytes(), &v); err != nil {
			t.Errorf("%s: not JSON: %v", f, err)
		}
		if f == "sarif" && !strings.Contains(b.String(), `"results": []`) {
			t.Errorf("sarif: an empty run must still carry results: []\n%s", b.String())
		}
	}
}

func TestUnknownFormat(t *testing.T) {
	if _, err := report.New("xml", report.Options{}); err == nil || !strings.Contains(err.Error(), "json, sarif, text") {
		t.Errorf("got %v", err)
	}
}

func TestSARIFContent(t *testing.T) {
	var log struct {
		Schema string `json:"$schema"`
		Runs   []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID         string         `json:"id"`
						Properties map[string]any `json:"properties"`
						Help       struct{ Text, Markdown string }
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID              string            `json:"ruleId"`
				RuleIndex           int               `json:"ruleIndex"`
				Level               string            `json:"level"`
				PartialFingerprints map[string]string `json:"partialFingerprints"`
				Suppressions        []struct {
					Kind          string `json:"kind"`
					Justification string `json:"justification"`
				} `json:"suppressions"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(render(t, "sarif", report.Options{}), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if len(run.Tool.Driver.Rules) != 5 || run.Tool.Driver.Rules[0].Properties["security-severity"] != "8.0" {
		t.Errorf("rules: %+v", run.Tool.Driver.Rules)
	}
	levels := map[string]string{}
	for _, r := range run.Results {
		if run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("ruleIndex %d does not point at %s", r.RuleIndex, r.RuleID)
		}
		if r.PartialFingerprints["deploylint/v1"] == "" {
			t.Errorf("%s: no partial fingerprint", r.RuleID)
		}
		levels[r.RuleID] = r.Level
		if r.RuleID == "ENV010" && (len(r.Suppressions) != 1 || r.Suppressions[0].Kind != "inSource" || r.Suppressions[0].Justification == "") {
			t.Errorf("suppressed finding: %+v", r.Suppressions)
		}
	}
	if levels["ENV006"] != "warning" || levels["ENV010"] != "note" || levels["ACL001"] != "error" {
		t.Errorf("levels: %v", levels)
	}
}

// multitool finds the SARIF multitool binary.
func multitool() string {
	if p := os.Getenv("DEPLOYLINT_SARIF_MULTITOOL"); p != "" {
		return p
	}
	if p, err := exec.LookPath("Sarif.Multitool"); err == nil {
		return p
	}
	for _, p := range []string{"../.ci/node/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool", "/tmp/sarif/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

var resultLine = regexp.MustCompile(`(?m)^.*: (error|warning) [A-Z]+[0-9]+: .*$`)

// TestSARIFMultitool validates the golden SARIF with Microsoft's multitool and GitHub's rules:
// zero errors and zero warnings.
func TestSARIFMultitool(t *testing.T) {
	bin := multitool()
	if bin == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("SARIF multitool not found: set DEPLOYLINT_SARIF_MULTITOOL (.ci/run installs npm @microsoft/sarif-multitool-linux)")
		}
		t.Skip("SARIF multitool not found: npm install @microsoft/sarif-multitool-linux and set DEPLOYLINT_SARIF_MULTITOOL")
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "report.sarif")
	if err := os.WriteFile(file, render(t, "sarif", report.Options{}), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "validate", "--rule-kind", "Sarif;Gh", file)
	cmd.Env = append(os.Environ(), "DOTNET_CLI_TELEMETRY_OPTOUT=1", "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("multitool failed: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "Analysis completed successfully") {
		t.Fatalf("multitool did not complete:\n%s", out)
	}
	if m := resultLine.FindAllString(string(out), -1); len(m) > 0 {
		t.Errorf("multitool reports:\n%s", strings.Join(m, "\n"))
	}
}
