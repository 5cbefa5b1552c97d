package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/deploylint/deploylint/policies"
	"github.com/deploylint/deploylint/report"
	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scan"
	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/builtin"
	"github.com/deploylint/deploylint/scanners/dotenv"
	"github.com/deploylint/deploylint/scanners/redisacl"
	"github.com/deploylint/deploylint/secret"
)

// goldenSources are the files the fixed report's paths stand for, so the html golden quotes
// lines. They hold values named GoldenPlanted…, which no output may show.
func goldenSources() map[string]string {
	return map[string]string{
		".env":                   "testdata/html/src/dotenv.txt",
		"openc3-redis/users.acl": "testdata/html/src/users.acl.txt",
		"other/.env":             "testdata/html/src/missing.txt",
	}
}

func fixedReportWithSources() *report.Report {
	r := fixedReport()
	r.Sources = goldenSources()
	r.Redactor = goldenRedactor()
	return r
}

// goldenRedactor knows the secrets of the golden sources as their parsers mark them.
func goldenRedactor() *secret.Redactor {
	var spans []secret.Span
	for path, sc := range map[string]scanners.Scanner{".env": dotenv.New(), "openc3-redis/users.acl": redisacl.New()} {
		src, err := os.ReadFile(goldenSources()[path])
		if err != nil {
			panic(err)
		}
		doc, err := sc.Parse(path, src)
		if err != nil {
			panic(err)
		}
		for _, sp := range doc.Secrets {
			sp.Path = path
			spans = append(spans, sp)
		}
	}
	return secret.NewRedactor(secret.Options{Secrets: spans})
}

// TestNewFormatsAreDeterministic: no format prints the duration or the time.
func TestNewFormatsAreDeterministic(t *testing.T) {
	for _, f := range []string{"github", "markdown", "junit", "html"} {
		slow := fixedReportWithSources()
		slow.Duration = 42 * time.Second
		if a, b := write(t, f, report.Options{}, fixedReportWithSources()), write(t, f, report.Options{}, slow); !bytes.Equal(a, b) {
			t.Errorf("%s output depends on the duration", f)
		}
	}
}

func TestGitHubAnnotations(t *testing.T) {
	out := string(render(t, "github", report.Options{}))
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 5 {
		t.Fatalf("want one command per unsuppressed finding (5), got %d:\n%s", len(lines), out)
	}
	want := []string{
		"::error file=.env,line=52,col=23,endLine=52,endColumn=36,title=ENV001::OPENC3_REDIS_PASSWORD is the shipped COSMOS default%0Afix: Set a unique random password.",
		"::error file=.env,line=56,col=26,endLine=56,endColumn=45,title=ENV011::",
		"::warning file=.env,line=81,col=1,endLine=81,endColumn=17,title=ENV006::",
		"::notice file=openc3-redis/users.acl,line=1,col=1,endLine=1,title=ACL020::",
		"::error file=openc3-redis/users.acl,line=2,col=16,endLine=2,endColumn=29,title=ACL001::user openc3 has a cleartext password%0Afix: Write #<sha256> instead of >password.",
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("line %d:\n got %s\nwant prefix %s", i+1, lines[i], w)
		}
	}
	if strings.Contains(out, "ENV010") {
		t.Error("a suppressed finding is annotated")
	}
	low := &report.Report{Findings: []rules.Finding{{RuleID: "ENV010", Severity: rules.Low, Message: "m", Path: "a", Range: scanners.LineRange(1, 1, 2)}}}
	if got := string(write(t, "github", report.Options{}, low)); !strings.HasPrefix(got, "::warning ") {
		t.Errorf("low must be a warning: %s", got)
	}
}

// TestGitHubEscaping: a crafted path or message cannot end the property list, start a new
// command on a new line, or smuggle a second property in.
func TestGitHubEscaping(t *testing.T) {
	r := &report.Report{Findings: []rules.Finding{
		{
			RuleID: "X001", Severity: rules.High, Path: "a,b:c%d/.env", Range: scanners.Range{
				Start: scanners.Position{Line: 3, Column: 2}, End: scanners.Position{Line: 5, Column: 1},
			},
			Message: "100% wrong\r\n::error::injected",
		},
		{RuleID: "X002", Severity: rules.Info, Path: "b", Message: "file-level"},
	}}
	out := string(write(t, "github", report.Options{}, r))
	want := "::error file=a%2Cb%3Ac%25d/.env,line=3,endLine=5,title=X001::100%25 wrong\\x0d\\x0a::error::injected\n" +
		"::notice file=b,title=X002::file-level\n"
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	if n := strings.Count(out, "\n"); n != 2 {
		t.Errorf("a message broke into %d lines", n)
	}
}

func TestMarkdownContent(t *testing.T) {
	out := string(render(t, "markdown", report.Options{}))
	for _, part := range []string{
		"# deploylint report\n",
		"| critical | 1 |\n| high | 2 |\n| medium | 1 |\n| low | 0 |\n| info | 1 |\n| **total** | **5** |\n| suppressed | 1 |\n",
		"| critical | [ENV001](https://github.com/deploylint/deploylint/blob/main/docs/rules/ENV001.md) | .env:52 | OPENC3\\_REDIS\\_PASSWORD is the shipped COSMOS default |\n",
		"(1 suppressed)",
		"## How to fix\n",
		"Write #&lt;sha256&gt; instead of &gt;password.",
	} {
		if !strings.Contains(out, part) {
			t.Errorf("markdown lacks %q:\n%s", part, out)
		}
	}
	if strings.Contains(out, "ENV010") {
		t.Error("a suppressed finding is listed")
	}
	if got := strings.Count(out, "\n| "); got != 2+7+2+5 {
		t.Errorf("want 7 summary rows and 5 finding rows under their headers, got %d table lines", got)
	}

	only := &report.Report{Files: []string{"a", "b"}, Findings: []rules.Finding{{
		RuleID: "ENV006", Severity: rules.Medium, Path: ".env", Suppressed: &rules.Suppression{Kind: "baseline"},
	}}}
	if got := string(write(t, "markdown", report.Options{}, only)); got != "# deploylint report\n\nNo findings in 2 scanned files (1 suppressed).\n" {
		t.Errorf("only suppressed findings: %q", got)
	}
}

// TestMarkdownEscaping: names from scanned files cannot break the table or inject HTML, code
// spans or links; a rule link that is not http(s) is dropped.
func TestMarkdownEscaping(t *testing.T) {
	r := fixedReport()
	r.Rules = append(r.Rules, &rules.Rule{
		ID: "USR001", Title: "t", Severity: rules.Low, Kinds: []string{"dotenv"}, Remediation: "r",
		Resources: []rules.Resource{{URL: "javascript:alert(1)"}},
	})
	r.Findings = []rules.Finding{{
		RuleID: "USR001", Severity: rules.Low, Path: "a|b`c.env", Range: scanners.LineRange(1, 1, 2),
		Message: "x | y <img src=x onerror=alert(1)> `code` [link](http://evil.example) *em*\nnext",
	}}
	out := string(write(t, "markdown", report.Options{}, r))
	row := "| low | USR001 | a\\|b\\`c.env:1 | x \\| y &lt;img src=x onerror=alert(1)&gt; \\`code\\` \\[link\\](http://evil.example) \\*em\\*\\\\x0anext |\n"
	if !strings.Contains(out, row) {
		t.Errorf("escaped row missing, want %q in:\n%s", row, out)
	}
	if strings.Contains(out, "javascript:") {
		t.Errorf("a javascript: link survived:\n%s", out)
	}
}

type junitXML struct {
	XMLName  xml.Name `xml:"testsuites"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Cases    []struct {
			Name      string `xml:"name,attr"`
			Classname string `xml:"classname,attr"`
			Failures  []struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func readJUnit(t *testing.T, raw []byte) junitXML {
	t.Helper()
	var j junitXML
	if err := xml.Unmarshal(raw, &j); err != nil {
		t.Fatalf("not valid XML: %v\n%s", err, raw)
	}
	if len(j.Suites) != 1 || j.Suites[0].Name != "deploylint" {
		t.Fatalf("want one suite named deploylint: %+v", j.Suites)
	}
	return j
}

func TestJUnitContent(t *testing.T) {
	raw := render(t, "junit", report.Options{})
	if !bytes.HasPrefix(raw, []byte(`<?xml version="1.0" encoding="UTF-8"?>`)) {
		t.Errorf("no XML declaration:\n%s", raw)
	}
	j := readJUnit(t, raw)
	s := j.Suites[0]
	// Three files scanned, two with unsuppressed findings.
	if j.Tests != 3 || j.Failures != 2 || s.Tests != 3 || s.Failures != 2 || len(s.Cases) != 3 {
		t.Errorf("counts: testsuites %d/%d, testsuite %d/%d, %d cases", j.Tests, j.Failures, s.Tests, s.Failures, len(s.Cases))
	}
	var names []string
	failures := 0
	for _, c := range s.Cases {
		names = append(names, c.Name)
		if c.Classname != c.Name {
			t.Errorf("classname %q, want the file %q", c.Classname, c.Name)
		}
		failures += len(c.Failures)
	}
	if strings.Join(names, ",") != ".env,openc3-redis/users.acl,other/.env" {
		t.Errorf("cases: %v", names)
	}
	if failures != 5 {
		t.Errorf("want one failure per unsuppressed finding (5), got %d", failures)
	}
	f := s.Cases[0].Failures[0]
	if f.Type != "ENV001" || f.Message != "OPENC3_REDIS_PASSWORD is the shipped COSMOS default" ||
		f.Text != ".env:52:23 critical ENV001 OPENC3_REDIS_PASSWORD is the shipped COSMOS default\nfix: Set a unique random password." {
		t.Errorf("failure: %+v", f)
	}
	if len(s.Cases[2].Failures) != 0 {
		t.Errorf("other/.env has no finding: %+v", s.Cases[2])
	}
}

// TestJUnitEdgeCases: a finding in a file that is not in Files still gets a test case, and
// characters XML cannot hold do not make the document invalid.
func TestJUnitEdgeCases(t *testing.T) {
	r := &report.Report{Files: []string{"compose.yaml"}, Findings: []rules.Finding{
		{RuleID: "X001", Severity: rules.High, Path: ".env", Range: scanners.LineRange(2, 1, 3), Message: "bad \x1b[2J\x00 <&> \"q\" ]]>"},
	}}
	raw := write(t, "junit", report.Options{}, r)
	j := readJUnit(t, raw)
	s := j.Suites[0]
	if s.Tests != 2 || s.Failures != 1 || len(s.Cases) != 2 || s.Cases[1].Name != ".env" {
		t.Fatalf("cases: %+v", s)
	}
	if got := s.Cases[1].Failures[0].Message; got != `bad \x1b[2J\x00 <&> "q" ]]>` {
		t.Errorf("message %q", got)
	}
	empty := readJUnit(t, write(t, "junit", report.Options{}, &report.Report{}))
	if empty.Tests != 0 || empty.Failures != 0 {
		t.Errorf("empty report: %+v", empty)
	}
}

var findingArticle = regexp.MustCompile(`<article class="finding" data-rule="([A-Z0-9]+)" data-severity="([a-z]+)"`)

func TestHTMLContent(t *testing.T) {
	out := string(write(t, "html", report.Options{}, fixedReportWithSources()))
	if got := len(findingArticle.FindAllString(out, -1)); got != 5 || strings.Count(out, `class="finding"`) != 5 {
		t.Errorf("want 5 finding articles, got %d", got)
	}
	for _, part := range []string{
		"<title>deploylint report</title>",
		"deploylint 1.2.3",
		`aria-label="Findings by severity"`,
		`aria-label="Findings by kind"`,
		`<section class="file" data-path=".env">`,
		`data-rule="ENV001" data-severity="critical" data-path=".env" data-line="52"`,
		`<span class="line hit"><span class="ln">52</span>OPENC3_REDIS_PASSWORD=••••••</span>`,
		`<span class="line"><span class="ln">50</span>OPENC3_REDIS_USERNAME=openc3</span>`,
		`<span class="ln">2</span>user openc3 on &gt;•••••• #•••••• ~* &#43;@all</span>`,
		`OPENC3_BANNER=&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;`,
		`reordered\u202etxt.exe`,
		`<strong>Enforces:</strong> COSMOS security guide: &#34;Use hashed passwords&#34;`,
		`<a href="https://github.com/deploylint/deploylint/blob/main/docs/rules/ACL001.md">ACL001 documentation</a>`,
		"1 suppressed",
	} {
		if !strings.Contains(out, part) {
			t.Errorf("html lacks %q", part)
		}
	}
	for _, bad := range []string{"GoldenPlanted", "<script", "\u202e", "ENV010", "42 ms", "7 ms"} {
		if strings.Contains(out, bad) {
			t.Errorf("html contains %q", bad)
		}
	}
	// Self-contained: no script, no stylesheet or image fetched from anywhere.
	for _, re := range []string{`(?i)<script`, `(?i)\ssrc=`, `(?i)<link[^>]+stylesheet`, `(?i)url\(`, `(?i)@import`} {
		if regexp.MustCompile(re).MatchString(out) {
			t.Errorf("html is not self-contained: matches %s", re)
		}
	}
}

// TestHTMLEdgeCases: unreadable sources, positions outside the file, a rule missing from the
// catalogue, a javascript: link from a user policy, and a report without a Redactor.
func TestHTMLEdgeCases(t *testing.T) {
	dir := t.TempDir()
	conf := filepath.Join(dir, "conf")
	if err := os.WriteFile(conf, []byte("a\nNOT_NAMED_LIKE_ONE=Zq9-marked\nc\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := fixedReport()
	r.Rules = append(r.Rules, &rules.Rule{
		ID: "USR001", Title: "t", Severity: rules.Low, Kinds: []string{"compose"}, Remediation: "r",
		Resources: []rules.Resource{{URL: "javascript:alert(1)"}},
	})
	r.Sources = map[string]string{"conf": conf, "dir": dir, "gone": filepath.Join(dir, "nope")}
	r.Findings = []rules.Finding{
		{RuleID: "GONE001", Severity: rules.Low, Path: "conf", Range: scanners.LineRange(2, 1, 2), Message: "unknown rule"},
		{RuleID: "USR001", Severity: rules.Low, Path: "conf", Range: scanners.LineRange(9, 1, 2), Message: "past the end"},
		{RuleID: "USR001", Severity: rules.Low, Path: "dir", Range: scanners.LineRange(1, 1, 2), Message: "a directory"},
		{RuleID: "USR001", Severity: rules.Low, Path: "gone", Range: scanners.LineRange(1, 1, 2), Message: "missing"},
		{RuleID: "USR001", Severity: rules.Low, Path: "nosource", Message: "no position"},
	}
	// Without a Redactor nothing is quoted: the page cannot tell a safe line from a secret one.
	out := string(write(t, "html", report.Options{}, r))
	if strings.Contains(out, `<pre class="snippet">`) || strings.Contains(out, "Zq9-marked") || !strings.Contains(out, "Source lines are not quoted") {
		t.Errorf("a report without a Redactor quotes lines or does not say why it does not")
	}
	// With one, the line is masked where a parser marked its secret, whatever the key's name.
	r.Redactor = secret.NewRedactor(secret.Options{Secrets: []secret.Span{{Path: "conf", Line: 2, Column: 20, EndLine: 2, EndColumn: 30, Value: "Zq9-marked"}}})
	out = string(write(t, "html", report.Options{}, r))
	if strings.Contains(out, "Zq9-marked") || !strings.Contains(out, "NOT_NAMED_LIKE_ONE=••••••") {
		t.Errorf("the marked value must be hidden, its key shown")
	}
	if n := strings.Count(out, `<pre class="snippet">`); n != 1 {
		t.Errorf("want only the readable in-range line quoted, got %d snippets", n)
	}
	if strings.Contains(out, "javascript:") {
		t.Error("a javascript: link survived")
	}
	if n := strings.Count(out, `class="finding"`); n != 5 {
		t.Errorf("want 5 findings, got %d", n)
	}
}

// scanReport builds a report from a real scan, as deploylint scan does.
func scanReport(t *testing.T, paths ...string) *report.Report {
	t.Helper()
	ctx := context.Background()
	e, err := rules.NewEngine(ctx, rules.PolicySource{Name: "builtin", FS: policies.FS})
	if err != nil {
		t.Fatal(err)
	}
	off := false
	res, err := scan.Run(ctx, scan.Options{Engine: e, Config: scan.ConfigSource{None: true}, Paths: paths, Registry: builtin.Registry(), CheckPermissions: &off})
	if err != nil {
		t.Fatal(err)
	}
	guides, err := rules.ReadGuideMap(policies.FS)
	if err != nil {
		t.Fatal(err)
	}
	return &report.Report{
		Tool:     report.Tool{Name: "deploylint", Version: "test", InformationURI: "https://github.com/deploylint/deploylint"},
		Rules:    e.Catalogue.Rules,
		Findings: res.Findings,
		Files:    res.Files,
		Sources:  res.Sources,
		Redactor: res.Redactor,
		Kinds:    res.Kinds,
		Scope:    paths,
		Guides:   guides,
	}
}

// unsuppressed is the count the JSON writer reports as summary.findings.
func unsuppressed(t *testing.T, r *report.Report) int {
	t.Helper()
	var out struct{ Summary struct{ Findings int } }
	if err := json.Unmarshal(write(t, "json", report.Options{}, r), &out); err != nil {
		t.Fatal(err)
	}
	return out.Summary.Findings
}

// TestHTMLOfDemoStack renders the COSMOS demo stack: every finding is shown, and neither its
// SECRET_KEY_BASE nor its users.acl hashes are quoted.
func TestHTMLOfDemoStack(t *testing.T) {
	r := scanReport(t, "../fixtures/stacks/cosmos-default")
	if len(r.Findings) == 0 {
		t.Fatal("the demo stack raised nothing")
	}
	html := string(write(t, "html", report.Options{}, r))
	if got, want := strings.Count(html, `class="finding"`), unsuppressed(t, r); got != want {
		t.Errorf("%d finding articles, JSON counts %d unsuppressed findings", got, want)
	}
	if !strings.Contains(html, `<pre class="snippet">`) {
		t.Error("no line quoted from the demo stack")
	}
	for _, s := range []string{"bdb4300d46c9d4f116ce3dbbd54cac6b", "022bd57403439b2a3ec0c081cdd35d40", "e808c74e210256ee7cf3ec1652715441"} {
		if strings.Contains(html, s) {
			t.Errorf("html quotes the secret %s…", s)
		}
	}
}
