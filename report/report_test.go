package report_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
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

func docs(id string) rules.Resource {
	return rules.Resource{URL: "https://github.com/deploylint/deploylint/blob/main/docs/rules/" + id + ".md", Description: "rule documentation"}
}

// fixedReport is a hand-built report: every severity, findings in two of three scanned files, a
// rule split from another (ENV011), a finding with a related location in another file (the
// shape ACL008's take), a file-level finding and a suppressed one.
func fixedReport() *report.Report {
	rs := []*rules.Rule{
		{
			ID: "ACL001", Title: "Cleartext password in users.acl", Description: "Redis stores the password as written.", Severity: rules.High,
			Kinds: []string{"redis-acl"}, Remediation: "Write #<sha256> instead of >password.", Guide: `COSMOS security guide: "Use hashed passwords"`,
			Statements: []rules.GuideRef{{
				Statement: "S0-25", Guide: "OpenC3 COSMOS security guide", Slug: "cosmos", Coverage: rules.CoverageFull,
				Quote: "Using hashed passwords is recommended for production to avoid storing cleartext passwords on disk.",
				URL:   "https://github.com/deploylint/deploylint/blob/main/docs/guides/cosmos.md#s0-25",
			}},
			Resources: []rules.Resource{docs("ACL001"), {URL: "https://redis.io/docs/latest/operate/oss_and_stack/management/security/acl/"}},
		},
		{
			ID: "ACL020", Title: "Default user is the only user", Description: "Every client shares one identity.", Severity: rules.Info,
			Kinds: []string{"redis-acl"}, Remediation: "Add one user per application.", Resources: []rules.Resource{docs("ACL020")},
		},
		{
			ID: "ENV001", Title: "COSMOS Redis password is the shipped default", Description: "Everyone knows the default.", Severity: rules.Critical,
			Kinds: []string{"dotenv"}, Remediation: "Set a unique random password.", Resources: []rules.Resource{docs("ENV001")},
		},
		{
			ID: "ENV006", Title: "HTTP explicitly allowed", Description: "HTTP is allowed.", Severity: rules.Medium,
			Kinds: []string{"dotenv"}, Remediation: "Remove it.", Resources: []rules.Resource{docs("ENV006")},
		},
		{
			ID: "ENV010", Title: "Same secret value reused across variables", Description: "Reuse widens a leak.", Severity: rules.Low,
			Kinds: []string{"dotenv", "compose"}, Remediation: "Use distinct values.", Resources: []rules.Resource{docs("ENV010")},
		},
		{
			ID: "ENV011", Title: "COSMOS script-runner Redis password is the shipped default", Description: "Everyone knows the default.", Severity: rules.High,
			Kinds: []string{"dotenv"}, Remediation: "Set a unique random password.", Resources: []rules.Resource{docs("ENV011")}, SplitFrom: "ENV001",
		},
	}
	r := scanners.LineRange
	return &report.Report{
		Tool:  report.Tool{Name: "deploylint", Version: "1.2.3", InformationURI: "https://github.com/deploylint/deploylint"},
		Rules: rs,
		Findings: []rules.Finding{
			{RuleID: "ENV001", Severity: rules.Critical, Message: "OPENC3_REDIS_PASSWORD is the shipped COSMOS default", Path: ".env", Range: r(52, 23, 37), Fingerprint: "aaaa0000aaaa0000aaaa0000aaaa0000"},
			{RuleID: "ENV011", Severity: rules.High, Message: "OPENC3_SR_REDIS_PASSWORD is the shipped COSMOS default", Path: ".env", Range: r(56, 26, 46), Fingerprint: "bbbb0000bbbb0000bbbb0000bbbb0000"},
			{
				RuleID: "ENV006", Severity: rules.Medium, Message: "OPENC3_ALLOW_HTTP is set", Path: ".env", Range: r(81, 1, 18), Fingerprint: "cccc0000cccc0000cccc0000cccc0000",
				Repair: &rules.Repair{Description: "emptied OPENC3_ALLOW_HTTP", Files: []rules.FileEdits{{Path: ".env", Edits: []rules.Replacement{{Range: r(81, 19, 23)}}}}},
			},
			{
				RuleID: "ENV010", Severity: rules.Low, Message: "OPENC3_BUCKET_PASSWORD reuses the value of OPENC3_REDIS_PASSWORD", Path: ".env", Range: r(90, 24, 40),
				Fingerprint: "dddd0000dddd0000dddd0000dddd0000",
				Suppressed:  &rules.Suppression{Kind: "inline", Justification: "shared on purpose in the lab"},
			},
			{
				RuleID: "ACL020", Severity: rules.Info, Message: "users.acl defines only the default user", Path: "openc3-redis/users.acl", Range: r(1, 1, 1), Fingerprint: "ffff0000ffff0000ffff0000ffff0000",
				Repair: &rules.Repair{Description: "added a user", Files: []rules.FileEdits{{Path: "openc3-redis/users.acl", Edits: []rules.Replacement{{Range: r(2, 1, 1), Text: "user app off\n"}}}}},
			},
			{
				RuleID: "ACL001", Severity: rules.High, Message: "user openc3 has a cleartext password", Path: "openc3-redis/users.acl", Range: r(2, 16, 30), Fingerprint: "eeee0000eeee0000eeee0000eeee0000",
				Related: []rules.Location{{Path: ".env", Range: r(52, 1, 1), Message: "OPENC3_REDIS_PASSWORD is set here"}},
			},
		},
		Files:      []string{".env", "openc3-redis/users.acl", "other/.env"},
		Duration:   7 * time.Millisecond,
		Provenance: []report.Provenance{{RepositoryURI: "https://github.com/acme/stack.git", Revision: "0123456789abcdef0123456789abcdef01234567", Branch: "main", Top: "."}},
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

func write(t *testing.T, format string, opt report.Options, r *report.Report) []byte {
	t.Helper()
	w, err := report.New(format, opt)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := w.Write(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func render(t *testing.T, format string, opt report.Options) []byte {
	t.Helper()
	return write(t, format, opt, fixedReport())
}

// TestGoldens runs every format of the registry over the fixed report and an empty one, so a
// new format is checked without anyone adding it here: its goldens are written by -update
// and a format without them fails.
func TestGoldens(t *testing.T) {
	empty := &report.Report{Tool: report.Tool{Name: "deploylint", Version: "1.2.3"}, Files: []string{".env"}}
	for _, format := range report.Formats() {
		t.Run(format, func(t *testing.T) {
			golden(t, format+"/report.golden", write(t, format, report.Options{}, fixedReportWithSources()))
			golden(t, format+"/empty.golden", write(t, format, report.Options{}, empty))
		})
	}
	golden(t, "text/report-color.golden", render(t, "text", report.Options{Color: true}))
}

// TestMachineFormatsAreDeterministic: JSON and SARIF carry no timing, so two runs that differ
// only in how long they took give the same bytes.
func TestMachineFormatsAreDeterministic(t *testing.T) {
	for _, f := range []string{"json", "sarif"} {
		slow := fixedReport()
		slow.Duration = 42 * time.Second
		if a, b := render(t, f, report.Options{}), write(t, f, report.Options{}, slow); !bytes.Equal(a, b) {
			t.Errorf("%s output depends on the duration", f)
		}
	}
}

func TestTextHidesSuppressedAndCountsThem(t *testing.T) {
	out := string(render(t, "text", report.Options{}))
	if strings.Contains(out, "ENV010") {
		t.Error("a suppressed finding is printed")
	}
	const sum = "\n\n5 findings (1 critical, 2 high, 1 medium, 1 info) in 2 files, 1 suppressed; 3 files scanned in 7 ms\n"
	if !strings.HasSuffix(out, sum) {
		t.Errorf("summary wrong, want suffix %q:\n%s", sum, out)
	}
	if !strings.Contains(out, ".env:52:23: critical ENV001 OPENC3_REDIS_PASSWORD is the shipped COSMOS default\n    fix: Set a unique random password.\n") {
		t.Errorf("finding line or fix line wrong:\n%s", out)
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("colour without Options.Color")
	}
	colored := string(render(t, "text", report.Options{Color: true}))
	if !strings.Contains(colored, "\x1b[1m.env:52:23:\x1b[0m \x1b[1;35mcritical\x1b[0m ENV001") {
		t.Errorf("no bold path and coloured severity with Options.Color:\n%q", colored)
	}
}

func TestTextSummary(t *testing.T) {
	one := rules.Finding{RuleID: "ENV006", Severity: rules.Medium, Message: "m", Path: ".env", Range: scanners.LineRange(1, 1, 2)}
	hidden := one
	hidden.Suppressed = &rules.Suppression{Kind: "baseline"}
	for _, tc := range []struct {
		name     string
		findings []rules.Finding
		files    []string
		want     string
	}{
		{"none", nil, []string{"a"}, "no findings; 1 file scanned in 3 ms\n"},
		{"none scanned", nil, nil, "no findings; 0 files scanned in 3 ms\n"},
		{"only suppressed", []rules.Finding{hidden}, []string{"a", "b"}, "no findings, 1 suppressed; 2 files scanned in 3 ms\n"},
		{"one", []rules.Finding{one}, []string{".env"}, "\n1 finding (1 medium) in 1 file; 1 file scanned in 3 ms\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := string(write(t, "text", report.Options{}, &report.Report{Findings: tc.findings, Files: tc.files, Duration: 3 * time.Millisecond}))
			if !strings.HasSuffix(out, tc.want) {
				t.Errorf("got %q, want suffix %q", out, tc.want)
			}
		})
	}
}

// TestTextEscapesControlCharacters: a name read from a scanned file cannot drive the terminal.
func TestTextEscapesControlCharacters(t *testing.T) {
	r := &report.Report{Findings: []rules.Finding{{
		RuleID: "ENV006", Severity: rules.Medium, Path: "a\x1b[2Jb/.env", Range: scanners.LineRange(1, 1, 2),
		Message: "variable X\x1b]0;owned\x07 is set\u202e",
	}}}
	out := string(write(t, "text", report.Options{}, r))
	if strings.ContainsAny(out, "\x1b\x07\u202e") {
		t.Errorf("control characters reach the terminal: %q", out)
	}
	if !strings.Contains(out, `a\x1b[2Jb/.env:1:1: medium ENV006 variable X\x1b]0;owned\x07 is set\u202e`) {
		t.Errorf("escaped line missing: %q", out)
	}
}

func TestEmptyReport(t *testing.T) {
	empty := &report.Report{Tool: report.Tool{Name: "deploylint", Version: "1.0.0", InformationURI: "https://x.example"}}
	for _, f := range []string{"json", "sarif"} {
		out := write(t, f, report.Options{}, empty)
		var v map[string]any
		if err := json.Unmarshal(out, &v); err != nil {
			t.Errorf("%s: not JSON: %v", f, err)
		}
		if f == "sarif" && !bytes.Contains(out, []byte(`"results": []`)) {
			t.Errorf("sarif: an empty run must still carry results: []\n%s", out)
		}
		if f == "json" && !bytes.Contains(out, []byte(`"findings": []`)) {
			t.Errorf("json: findings must be [] rather than null\n%s", out)
		}
	}
}

func TestNewAndFormats(t *testing.T) {
	if got := strings.Join(report.Formats(), ","); got != "github,html,json,junit,markdown,sarif,text" {
		t.Errorf("Formats() = %s", got)
	}
	for _, f := range report.Formats() {
		if _, err := report.New(f, report.Options{}); err != nil {
			t.Errorf("New(%q): %v", f, err)
		}
	}
	if _, err := report.New("xml", report.Options{}); err == nil || !strings.Contains(err.Error(), `"xml"`) || !strings.Contains(err.Error(), "github, html, json, junit, markdown, sarif, text") {
		t.Errorf("unknown format: got %v", err)
	}
}

// TestJSONContent checks what the schema cannot: values follow the findings and catalogue.
func TestJSONContent(t *testing.T) {
	var out struct {
		Findings []struct {
			Rule, Title string
			Suppressed  *rules.Suppression
		}
		Summary struct {
			Files, Findings, Suppressed int
			BySeverity                  map[string]int `json:"by_severity"`
		}
	}
	raw := render(t, "json", report.Options{})
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Findings) != 6 || out.Findings[0].Title != "COSMOS Redis password is the shipped default" {
		t.Errorf("findings: %+v", out.Findings)
	}
	if s := out.Findings[3].Suppressed; out.Findings[3].Rule != "ENV010" || s == nil || s.Justification != "shared on purpose in the lab" {
		t.Errorf("suppressed finding: %+v", out.Findings[3])
	}
	want := map[string]int{"critical": 1, "high": 2, "medium": 1, "low": 0, "info": 1}
	for k, v := range want {
		if out.Summary.BySeverity[k] != v {
			t.Errorf("by_severity[%s] = %d, want %d", k, out.Summary.BySeverity[k], v)
		}
	}
	if out.Summary.Files != 3 || out.Summary.Findings != 5 || out.Summary.Suppressed != 1 {
		t.Errorf("summary: %+v", out.Summary)
	}
	if !bytes.Contains(raw, []byte(`"by_severity": {
      "critical": 1,
      "high": 2,
      "medium": 1,
      "low": 0,
      "info": 1
    }`)) {
		t.Errorf("by_severity is not in severity order:\n%s", raw)
	}
}

var pascalName = regexp.MustCompile(`^(\p{Lu}[\p{Ll}\p{Nd}]+)+$`)
