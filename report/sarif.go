package report

import (
	"fmt"
	"io"
	"net/url"
	"path"
	"strings"
	"unicode"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/deploylint/deploylint/rules"
)

// sarifWriter writes SARIF 2.1.0 for GitHub code scanning.
type sarifWriter struct{}

// securitySeverity is GitHub's numeric scale: ≥9 critical, ≥7 high, ≥4 medium, else low.
var securitySeverity = map[rules.Severity]string{
	rules.Critical: "9.5", rules.High: "8.0", rules.Medium: "5.5", rules.Low: "3.0", rules.Info: "1.0",
}

func level(s rules.Severity) string {
	switch s {
	case rules.Critical, rules.High:
		return "error"
	case rules.Medium:
		return "warning"
	default:
		return "note"
	}
}

const srcRoot = "%SRCROOT%"

func (sarifWriter) Write(w io.Writer, r *Report) error {
	rep, err := sarif.New(sarif.Version210, true)
	if err != nil {
		return fmt.Errorf("new sarif report: %w", err)
	}
	run := sarif.NewRunWithInformationURI(r.Tool.Name, r.Tool.InformationURI)
	run.Tool.Driver.WithVersion(r.Tool.Version)
	if strings.HasPrefix(r.Tool.Version, "v") {
		run.Tool.Driver.WithSemanticVersion(strings.TrimPrefix(r.Tool.Version, "v"))
	}
	for _, rule := range r.Rules {
		run.Tool.Driver.AddRule(descriptor(rule))
	}
	for _, f := range r.Findings {
		res := sarif.NewRuleResult(f.RuleID).
			WithLevel(level(f.Severity)).
			WithMessage(sarif.NewTextMessage(f.Message)).
			WithPartialFingerPrints(map[string]any{"deploylint/v1": f.Fingerprint})
		region := sarif.NewRegion().
			WithStartLine(f.Range.Start.Line).
			WithStartColumn(f.Range.Start.Column)
		if f.Range.End.Line >= f.Range.Start.Line && f.Range.End.Line > 0 {
			region.WithEndLine(f.Range.End.Line)
			if f.Range.End.Column > 0 && (f.Range.End.Line > f.Range.Start.Line || f.Range.End.Column > f.Range.Start.Column) {
				region.WithEndColumn(f.Range.End.Column)
			}
		}
		res.AddLocation(sarif.NewLocationWithPhysicalLocation(
			sarif.NewPhysicalLocation().WithArtifactLocation(artifact(f.Path)).WithRegion(region),
		))
		if f.Suppressed != nil {
			kind := "external"
			if f.Suppressed.Kind == "inline" {
				kind = "inSource"
			}
			res.AddSuppression(sarif.NewSuppression(kind).WithJustifcation(f.Suppressed.Justification))
		}
		run.AddResult(res)
	}
	rep.AddRun(run)
	return rep.PrettyWrite(w)
}

// artifact locates a file relative to the checkout (%SRCROOT%), or absolutely for a file named
// by an absolute path outside it.
func artifact(p string) *sarif.ArtifactLocation {
	if path.IsAbs(p) {
		return sarif.NewSimpleArtifactLocation((&url.URL{Scheme: "file", Path: p}).String())
	}
	return sarif.NewSimpleArtifactLocation((&url.URL{Path: p}).String()).WithUriBaseId(srcRoot)
}

func descriptor(rule *rules.Rule) *sarif.ReportingDescriptor {
	d := sarif.NewRule(rule.ID).
		WithName(camel(rule.Title)).
		WithShortDescription(sarif.NewMultiformatMessageString(rule.Title)).
		WithFullDescription(sarif.NewMultiformatMessageString(rule.Description)).
		WithHelp(&sarif.MultiformatMessageString{Text: ptr(helpText(rule)), Markdown: ptr(helpMarkdown(rule))}).
		WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(level(rule.Severity)))
	if u := rule.HelpURI(); u != "" {
		d.WithHelpURI(u)
	}
	tags := append([]string{"security"}, rule.Kinds...)
	d.WithProperties(sarif.Properties{
		"tags":              tags,
		"precision":         "high",
		"security-severity": securitySeverity[rule.Severity],
	})
	return d
}

func ptr(s string) *string { return &s }

func helpText(rule *rules.Rule) string {
	var b strings.Builder
	b.WriteString(rule.Description)
	fmt.Fprintf(&b, "\n\nFix: %s", rule.Remediation)
	if rule.Guide != "" {
		fmt.Fprintf(&b, "\n\nEnforces: %s", rule.Guide)
	}
	return b.String()
}

func helpMarkdown(rule *rules.Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** (%s)\n\n%s\n\n**Fix:** %s", rule.Title, rule.Severity, rule.Description, rule.Remediation)
	if rule.Guide != "" {
		fmt.Fprintf(&b, "\n\n**Enforces:** %s", rule.Guide)
	}
	if len(rule.Resources) > 0 {
		b.WriteString("\n\n**See:**\n")
		for _, res := range rule.Resources {
			label := res.Description
			if label == "" {
				label = res.URL
			}
			fmt.Fprintf(&b, "\n- [%s](%s)", label, res.URL)
		}
	}
	return b.String()
}

// camel turns a title into the PascalCase name SARIF viewers show ("Cleartext password in
// users.acl" → "CleartextPasswordInUsersAcl").
func camel(title string) string {
	var b strings.Builder
	up := true
	for _, r := range title {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			up = true
			continue
		}
		if up {
			b.WriteRune(unicode.ToUpper(r))
			up = false
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}
