// Package report turns a scan's findings into text, JSON, SARIF, GitHub workflow commands,
// Markdown, JUnit XML or a self-contained HTML page. Every writer is deterministic: the same
// report gives byte-identical output (text aside from its timing). Writers print finding
// fields and catalogue text, the messages and justifications masked by the report's
// Redactor; only the HTML page quotes file lines, and only with a Redactor to mask them.
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/secret"
)

// Tool names the program in machine-readable outputs.
type Tool struct {
	Name           string
	Version        string
	InformationURI string
}

// Report is everything a writer needs.
type Report struct {
	Tool Tool
	// Rules is the whole catalogue, sorted by ID.
	Rules []*rules.Rule
	// Findings are sorted; some may be suppressed.
	Findings []rules.Finding
	// Files lists the files scanned.
	Files []string
	// Sources maps a reported path to the file on disk; formats that quote the offending line
	// (html) read it from there. Nil: no quoting.
	Sources map[string]string
	// Redactor masks the scan's secrets in everything printed: messages and justifications
	// in every format, quoted lines in html. Nil masks nothing the findings say, and html
	// then quotes no line at all.
	Redactor *secret.Redactor
	Duration time.Duration
	// Provenance names the checkouts of the git work trees scanned (SARIF's
	// versionControlProvenance); empty outside git or without a remote.
	Provenance []Provenance
	// Scope names what was scanned as the user gave it (relative paths; an absolute one by
	// its last element), Kinds the kinds of the files scanned, for the auditor's view (html).
	Scope []string
	Kinds []string
	// Guides is the guide map: html checks the scan against each vendor guide's statements.
	// Nil leaves that view out.
	Guides *rules.GuideMap
	// Date is the report's date as the caller chose it (SOURCE_DATE_EPOCH), empty for none:
	// the same input gives the same bytes.
	Date string
}

// Provenance is a checkout: the repository's URI, the commit, its branch (empty if detached),
// and the work tree's top relative to the folder the report's paths are relative to (".").
type Provenance struct {
	RepositoryURI, Revision, Branch, Top string
}

// Writer renders a report in one format.
type Writer interface {
	Write(w io.Writer, r *Report) error
}

// Options tune writers.
type Options struct {
	// Color enables ANSI colours in the text format.
	Color bool
	// NoSummary leaves out the text format's closing summary line (counts and timing), so
	// that a clean run prints nothing (--quiet).
	NoSummary bool
}

// writers is the registry of formats, built here and nowhere else. Each masks what the
// report's Redactor knows before it writes.
func writers(opt Options) map[string]Writer {
	return map[string]Writer{
		"text":     masking{textWriter{color: opt.Color, noSummary: opt.NoSummary}},
		"json":     masking{jsonWriter{}},
		"sarif":    masking{sarifWriter{}},
		"github":   masking{githubWriter{}},
		"markdown": masking{markdownWriter{}},
		"junit":    masking{junitWriter{}},
		"html":     masking{htmlWriter{}},
	}
}

// masking writes a copy of the report whose messages and justifications went through the
// Redactor: whatever the driver did or forgot, no format prints a secret a parser marked.
type masking struct{ w Writer }

func (m masking) Write(w io.Writer, r *Report) error {
	if r.Redactor == nil {
		return m.w.Write(w, r)
	}
	c := *r
	c.Findings = make([]rules.Finding, len(r.Findings))
	_ = inParts(len(r.Findings), func(i int) error {
		f := r.Findings[i]
		f.Message = r.Redactor.String(f.Message)
		if f.Suppressed != nil {
			s := *f.Suppressed
			s.Justification = r.Redactor.String(s.Justification)
			f.Suppressed = &s
		}
		c.Findings[i] = f
		return nil
	})
	return m.w.Write(w, &c)
}

// Formats lists the format names, sorted.
func Formats() []string {
	m := writers(Options{})
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// New returns the writer of a format.
func New(format string, opt Options) (Writer, error) {
	w, ok := writers(opt)[format]
	if !ok {
		return nil, fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats(), ", "))
	}
	return w, nil
}

// ruleIndex maps rule IDs to catalogue entries.
func ruleIndex(rs []*rules.Rule) map[string]*rules.Rule {
	m := make(map[string]*rules.Rule, len(rs))
	for _, r := range rs {
		m[r.ID] = r
	}
	return m
}

// severityOrder lists severities from most to least severe.
var severityOrder = []rules.Severity{rules.Critical, rules.High, rules.Medium, rules.Low, rules.Info}

// counts tallies unsuppressed findings by severity, and the suppressed ones apart.
type counts struct {
	total      int
	suppressed int
	bySeverity map[rules.Severity]int
	// files is how many files have an unsuppressed finding.
	files int
}

func count(fs []rules.Finding) counts {
	c := counts{bySeverity: map[rules.Severity]int{}}
	files := map[string]bool{}
	for _, f := range fs {
		if f.Suppressed != nil {
			c.suppressed++
			continue
		}
		c.total++
		c.bySeverity[f.Severity]++
		files[f.Path] = true
	}
	c.files = len(files)
	return c
}
