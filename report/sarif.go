package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path"
	"regexp"
	"strings"
	"unicode"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scanners"
)

// sarifWriter writes SARIF 2.1.0 for GitHub code scanning: one run, one rule descriptor per
// catalogue entry, one result per finding (suppressed ones included, with their suppression).
// It carries no timestamps, invocation or absolute checkout path, so the same input gives
// byte-identical output. Regions hold no snippets: the lines that matter hold secrets.
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

const (
	automationID   = "deploylint/"
	srcRoot        = "%SRCROOT%"
	fingerprintKey = "deploylint/v1"
)

func (sarifWriter) Write(w io.Writer, r *Report) error {
	log, err := sarif.New(sarif.Version210, true)
	if err != nil {
		return fmt.Errorf("new sarif log: %w", err)
	}
	driver := &sarif.ToolComponent{Name: r.Tool.Name, Rules: []*sarif.ReportingDescriptor{}}
	if r.Tool.InformationURI != "" {
		driver.WithInformationURI(r.Tool.InformationURI)
	}
	if r.Tool.Version != "" {
		driver.WithVersion(r.Tool.Version)
	}
	if v := strings.TrimPrefix(r.Tool.Version, "v"); semver.MatchString(v) {
		driver.WithSemanticVersion(v)
	}
	index := make(map[string]int, len(r.Rules))
	for i, rule := range r.Rules {
		driver.AddRule(descriptor(rule))
		index[rule.ID] = i
	}
	run := sarif.NewRun(sarif.Tool{Driver: driver})
	// A fixed category, so that code scanning keeps this tool's alerts apart from other
	// analyses of the same commit without anything that changes from run to run.
	run.WithAutomationDetails(&sarif.RunAutomationDetails{ID: strPtr(automationID)})
	for _, p := range r.Provenance {
		// mappedTo says where the repository's top lies, so that code scanning can make the
		// paths (relative to %SRCROOT%) relative to the repository.
		top := &sarif.ArtifactLocation{URIBaseId: strPtr(srcRoot)}
		if p.Top != "." && p.Top != "" {
			top.URI = strPtr((&url.URL{Path: strings.TrimSuffix(p.Top, "/") + "/"}).String())
		}
		vcs := &sarif.VersionControlDetails{RepositoryURI: strPtr(p.RepositoryURI), RevisionID: strPtr(p.Revision), MappedTo: top}
		if p.Branch != "" {
			vcs.Branch = strPtr(p.Branch)
		}
		run.VersionControlProvenance = append(run.VersionControlProvenance, vcs)
	}
	results := make([]*sarif.Result, 0, len(r.Findings))
	for _, f := range r.Findings {
		// Appended directly: go-sarif's AddResult writes ruleIndex -1 (as a huge unsigned
		// number) for a rule missing from the catalogue.
		results = append(results, result(f, index))
	}
	// The results are encoded apart, in parts side by side, and put in the place left for
	// an empty list: 100,000 results took seconds on one core.
	run.Results = []*sarif.Result{}
	log.AddRun(run)
	head, err := sarifJSON(log, "")
	if err != nil {
		return err
	}
	return spliceList(w, head, "results", len(results), func(i int, prefix string) ([]byte, error) {
		return sarifJSON(results[i], prefix)
	})
}

// sarifJSON encodes v as the report shows it, indented under prefix, without a newline.
func sarifJSON(v any, prefix string) ([]byte, error) {
	var raw bytes.Buffer
	enc := json.NewEncoder(&raw)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("encode sarif: %w", err)
	}
	// go-sarif v2.3.3 writes a suppression's absent status, location and guid as null, which
	// the schema forbids and which makes the SARIF multitool skip the whole file silently.
	// Most results hold none, and rewriting every one cost more than encoding it.
	compact := bytes.TrimSuffix(raw.Bytes(), []byte("\n"))
	if bytes.Contains(compact, []byte("null")) {
		var err error
		if compact, err = dropNulls(compact); err != nil {
			return nil, fmt.Errorf("encode sarif: %w", err)
		}
	}
	var out bytes.Buffer
	if err := json.Indent(&out, compact, prefix, "  "); err != nil {
		return nil, fmt.Errorf("encode sarif: %w", err)
	}
	return out.Bytes(), nil
}

func strPtr(s string) *string { return &s }

var semver = regexp.MustCompile(`^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$`)

func result(f rules.Finding, index map[string]int) *sarif.Result {
	res := sarif.NewRuleResult(f.RuleID).
		WithLevel(level(f.Severity)).
		WithMessage(sarif.NewTextMessage(f.Message))
	if i, ok := index[f.RuleID]; ok {
		res.WithRuleIndex(i)
	}
	if f.Fingerprint != "" {
		res.WithPartialFingerPrints(map[string]any{fingerprintKey: f.Fingerprint})
	}
	res.AddLocation(sarif.NewLocationWithPhysicalLocation(
		sarif.NewPhysicalLocation().WithArtifactLocation(artifact(f.Path)).WithRegion(region(f.Range)),
	))
	// The other file a cross-file finding compares with (ACL008's .env line): GitHub shows it
	// as a link beside the alert. Ids are the location's place in the list, as SARIF asks.
	for i, rel := range f.Related {
		loc := sarif.NewLocationWithPhysicalLocation(
			sarif.NewPhysicalLocation().WithArtifactLocation(artifact(rel.Path)).WithRegion(region(rel.Range)),
		).WithId(i)
		if rel.Message != "" {
			loc.WithMessage(sarif.NewTextMessage(rel.Message))
		}
		res.AddRelatedLocation(loc)
	}
	// A repair without a secret in it (a port bound to loopback, obsolete protocols removed),
	// as editors that read SARIF apply it; one that writes a new password is left to
	// deploylint fix, which never prints it.
	if rep := f.Repair; rep != nil && len(rep.Files) > 0 {
		fx := sarif.NewFix().WithDescriptionText(rep.Description)
		for _, fe := range rep.Files {
			ch := sarif.NewArtifactChange(artifact(fe.Path))
			for _, e := range fe.Edits {
				r := sarif.NewReplacement(region(e.Range))
				if e.Text != "" {
					r.WithInsertedContent(sarif.NewArtifactContent().WithText(e.Text))
				}
				ch.WithReplacement(r)
			}
			fx.AddArtifactChanges(ch)
		}
		res.AddFix(fx)
	}
	if s := f.Suppressed; s != nil {
		sup := sarif.NewSuppression(suppressionKind(s.Kind)).WithStatus("accepted")
		if s.Justification != "" {
			sup.WithJustifcation(s.Justification)
		}
		res.AddSuppression(sup)
	}
	return res
}

// suppressionKind maps how a finding was suppressed onto SARIF's two kinds: an ignore comment
// in the scanned file is "inSource"; a config file or baseline is "external".
func suppressionKind(kind string) string {
	switch kind {
	case "inline", "inline-file", "inSource":
		return "inSource"
	default:
		return "external"
	}
}

// region converts a 1-based, end-exclusive range; SARIF's endColumn is exclusive too. The
// engine always gives a position; the clamps only keep a malformed range from making the
// whole log invalid (GitHub requires a startLine).
func region(rg scanners.Range) *sarif.Region {
	start, end := rg.Start, rg.End
	reg := sarif.NewRegion().WithStartLine(max(start.Line, 1))
	if start.Line < 1 {
		return reg
	}
	if start.Column >= 1 {
		reg.WithStartColumn(start.Column)
	}
	if end.Line < start.Line {
		return reg
	}
	reg.WithEndLine(end.Line)
	if start.Column >= 1 && end.Column >= 1 && (end.Line > start.Line || end.Column >= start.Column) {
		reg.WithEndColumn(end.Column)
	}
	return reg
}

// artifact locates a file relative to the checkout (%SRCROOT%), or by a file URI when the user
// named it by an absolute path.
func artifact(p string) *sarif.ArtifactLocation {
	if path.IsAbs(p) {
		return sarif.NewSimpleArtifactLocation((&url.URL{Scheme: "file", Path: p}).String())
	}
	return sarif.NewSimpleArtifactLocation((&url.URL{Path: p}).String()).WithUriBaseId(srcRoot)
}

func descriptor(rule *rules.Rule) *sarif.ReportingDescriptor {
	name := pascal(rule.Title)
	if name == "" {
		name = rule.ID
	}
	d := sarif.NewRule(rule.ID).
		WithName(name).
		WithShortDescription(sarif.NewMultiformatMessageString(rule.Title)).
		WithFullDescription(sarif.NewMultiformatMessageString(rule.Description)).
		WithHelp(sarif.NewMultiformatMessageString(helpText(rule)).WithMarkdown(helpMarkdown(rule))).
		WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(level(rule.Severity)))
	if u := rule.HelpURI(); u != "" {
		d.WithHelpURI(u)
	}
	tags := append([]string{"security"}, rule.Kinds...)
	d.WithProperties(sarif.Properties{
		"tags":              tags,
		"security-severity": securitySeverity[rule.Severity],
	})
	return d
}

func helpText(rule *rules.Rule) string {
	var b strings.Builder
	b.WriteString(rule.Description)
	fmt.Fprintf(&b, "\n\nFix: %s", rule.Remediation)
	if rule.Guide != "" {
		fmt.Fprintf(&b, "\n\nEnforces: %s", rule.Guide)
	}
	if len(rule.Statements) > 0 {
		b.WriteString("\n\nGuide statements:")
		for _, s := range rule.Statements {
			fmt.Fprintf(&b, "\n- %s %s: %q", s.Statement, s.Guide, s.Quote)
			if s.URL != "" {
				fmt.Fprintf(&b, " %s", s.URL)
			}
		}
	}
	if len(rule.Resources) > 0 {
		b.WriteString("\n\nSee:")
		for _, res := range rule.Resources {
			if res.Description != "" {
				fmt.Fprintf(&b, "\n- %s: %s", res.Description, res.URL)
			} else {
				fmt.Fprintf(&b, "\n- %s", res.URL)
			}
		}
	}
	return b.String()
}

func helpMarkdown(rule *rules.Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** (%s)\n\n%s\n\n**Fix:** %s", rule.Title, rule.Severity, rule.Description, rule.Remediation)
	if rule.Guide != "" {
		fmt.Fprintf(&b, "\n\n**Enforces:** %s", rule.Guide)
	}
	if len(rule.Statements) > 0 {
		b.WriteString("\n\n**Guide statements:**\n")
		for _, s := range rule.Statements {
			id := s.Statement
			if s.URL != "" {
				id = fmt.Sprintf("[%s](%s)", s.Statement, s.URL)
			}
			fmt.Fprintf(&b, "\n- %s %s: “%s”", id, s.Guide, s.Quote)
		}
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

// pascal turns a title into the friendly name SARIF viewers show, in the form the multitool
// accepts (each capital followed by lower-case letters or digits): "Cleartext password in
// users.acl" → "CleartextPasswordInUsersAcl", "DC/OS boolean written as a YAML boolean" →
// "DcOsBooleanWrittenAsYamlBoolean". Hyphenated words join ("e-mail" → "Email"); the article
// "a" is dropped, and a word that is a lone letter or starts with a digit joins the previous
// one ("TLS 1.0/1.1" → "Tls1011").
func pascal(title string) string {
	words := strings.FieldsFunc(title, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-'
	})
	var b strings.Builder
	for _, w := range words {
		w = strings.ToLower(strings.ReplaceAll(w, "-", ""))
		rs := []rune(w)
		switch {
		case len(rs) == 0 || w == "a":
		case (len(rs) >= 2 && unicode.IsLetter(rs[0])) || b.Len() == 0:
			b.WriteRune(unicode.ToUpper(rs[0]))
			b.WriteString(string(rs[1:]))
		default:
			b.WriteString(w)
		}
	}
	return b.String()
}
