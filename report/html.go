package report

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"os"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/secret"
)

// htmlWriter writes one self-contained page — inline CSS and SVG, no script, no external
// request (its Content-Security-Policy forbids them) — to hand to people who will not run the
// tool: counts and charts by severity and kind, then the findings grouped by file, each with
// the offending line in context, what to change, and the rule's documentation.
//
// Each finding is an <article class="finding" data-rule="ID" data-severity="…"
// data-path="…" data-line="N">, and nothing else carries class="finding", so scripts and tests
// can count them. Suppressed findings are counted, not shown. There is no time or duration, so
// the same input gives byte-identical output.
//
// Quoted lines come from Report.Sources and are masked by Report.Redactor, which knows every
// secret the parsers marked (and, for a file they could not parse, what secret.ScanLines
// found in it). Without a Redactor no line is quoted: this package keeps no list of what
// looks secret, so it cannot tell a safe line from one holding a password.
type htmlWriter struct{}

const (
	// contextLines is how many lines around a finding's line are quoted.
	contextLines = 2
	// maxQuotedRunes cuts long lines (minified JSON, certificates pasted in one line).
	maxQuotedRunes = 240
	// maxQuotedFile skips quoting from files larger than the scanners read.
	maxQuotedFile = 10 << 20

	chartLabelWidth = 130
	chartBarMax     = 280
	chartRowHeight  = 26
	chartBarHeight  = 18
	chartWidth      = 480
)

type htmlPage struct {
	ToolName          string
	Version           string
	Scanned           int
	Total             int
	Suppressed        int
	FilesWithFindings int
	SeverityRows      []htmlBar
	BySeverity        htmlChart
	ByKind            htmlChart
	Files             []*htmlFile
	ScannedFiles      []string
	// Unquoted says the report has files to quote from but no Redactor to mask them with.
	Unquoted bool
	// The auditor's view (audit.go).
	Scope    []string
	Commits  []string
	Date     string
	ByGuide  []htmlBar
	Urgent   []*htmlFinding
	Guides   []htmlGuide
	HasGuide bool
}

type htmlChart struct {
	Label  string
	Width  int
	Height int
	Bars   []htmlBar
}

type htmlBar struct {
	Label  string
	Class  string
	Count  int
	Y      int
	TextY  int
	BarX   int
	BarY   int
	Width  int
	CountX int
}

type htmlFile struct {
	Path     string
	Findings []htmlFinding
	// Total counts the file's findings, Omitted those not shown, by rule.
	Total   int
	Omitted []htmlOmitted
}

// htmlOmitted is how many findings of a rule a file has beyond those shown.
type htmlOmitted struct {
	ID    string
	Count int
}

// shownPerRule bounds the findings of one rule shown for one file: a page of 100,000
// findings of one rule (a generated users.acl) is 170 MB that no reader scrolls, and the
// machine formats list every one.
const shownPerRule = 100

// omit counts a finding of rule id not shown.
func (f *htmlFile) omit(id string) {
	for i := range f.Omitted {
		if f.Omitted[i].ID == id {
			f.Omitted[i].Count++
			return
		}
	}
	f.Omitted = append(f.Omitted, htmlOmitted{ID: id, Count: 1})
}

type htmlFinding struct {
	Anchor      string
	ID          string
	Severity    string
	Title       string
	Message     string
	Path        string
	Line        int
	Location    string
	Snippet     []htmlLine
	Remediation string
	Guide       string
	DocURL      string
	// HTML is the finding rendered by the "finding" template (renderFindings).
	HTML template.HTML
	// finding is what the snippet is quoted for.
	finding rules.Finding
}

type htmlLine struct {
	Number int
	Text   string
	Hit    bool
}

func (htmlWriter) Write(w io.Writer, r *Report) error {
	tmpl, err := template.New("report").Parse(htmlTemplate)
	if err != nil {
		return fmt.Errorf("parse html template: %w", err)
	}
	page := newHTMLPage(r)
	if err := renderFindings(tmpl, page); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, page); err != nil {
		return fmt.Errorf("render html report: %w", err)
	}
	if _, err := buf.WriteTo(w); err != nil {
		return fmt.Errorf("write html report: %w", err)
	}
	return nil
}

// renderFindings renders each finding of the page apart, in parts side by side: a template
// takes tens of microseconds a finding, and a report may hold 100,000 of them. A template
// may be executed by many goroutines at once.
func renderFindings(tmpl *template.Template, p *htmlPage) error {
	all := everyFinding(p)
	return inParts(len(all), func(i int) error {
		var b strings.Builder
		if err := tmpl.ExecuteTemplate(&b, "finding", all[i]); err != nil {
			return fmt.Errorf("render html report: %w", err)
		}
		all[i].HTML = template.HTML(b.String()) //nolint:gosec // the template's own escaped output
		return nil
	})
}

// everyFinding points at every finding of the page, file after file.
func everyFinding(p *htmlPage) []*htmlFinding {
	var all []*htmlFinding
	for _, file := range p.Files {
		for i := range file.Findings {
			all = append(all, &file.Findings[i])
		}
	}
	return all
}

func newHTMLPage(r *Report) *htmlPage {
	idx := ruleIndex(r.Rules)
	c := count(r.Findings)
	p := &htmlPage{
		ToolName: printable(r.Tool.Name), Version: printable(r.Tool.Version),
		Scanned: len(r.Files), Total: c.total, Suppressed: c.suppressed, FilesWithFindings: c.files,
	}
	if p.ToolName == "" {
		p.ToolName = "deploylint"
	}
	for _, f := range r.Files {
		p.ScannedFiles = append(p.ScannedFiles, printable(f))
	}

	sevBars := make([]htmlBar, 0, len(severityOrder))
	for _, s := range severityOrder {
		sevBars = append(sevBars, htmlBar{Label: s.String(), Class: "sev-" + s.String(), Count: c.bySeverity[s]})
	}
	p.SeverityRows = sevBars
	p.BySeverity = newChart("Findings by severity", sevBars)

	src := &sourceLines{paths: r.Sources, lines: map[string][]string{}, redactor: r.Redactor}
	p.Unquoted = r.Redactor == nil && len(r.Sources) > 0
	byKind := map[string]int{}
	files := map[string]*htmlFile{}
	shown := map[[2]string]int{}
	n := 0
	for _, f := range r.Findings {
		if f.Suppressed != nil {
			continue
		}
		rule := idx[f.RuleID]
		kind := "unknown"
		if rule != nil && len(rule.Kinds) > 0 {
			kind = rule.Kinds[0]
		}
		byKind[kind]++
		file, ok := files[f.Path]
		if !ok {
			file = &htmlFile{Path: printable(f.Path)}
			files[f.Path] = file
			p.Files = append(p.Files, file)
		}
		file.Total++
		if shown[[2]string{f.Path, f.RuleID}]++; shown[[2]string{f.Path, f.RuleID}] > shownPerRule {
			file.omit(printable(f.RuleID))
			continue
		}
		n++
		hf := htmlFinding{
			Anchor: fmt.Sprintf("finding-%d", n), ID: printable(f.RuleID), Severity: f.Severity.String(),
			Message: printable(f.Message), Path: printable(f.Path), Line: f.Range.Start.Line,
			Location: location(f), finding: f,
		}
		src.file(f.Path) // read once here: the snippets are quoted side by side below
		if rule != nil {
			hf.Title = printable(rule.Title)
			hf.Remediation = printable(rule.Remediation)
			hf.Guide = printable(rule.Guide)
			hf.DocURL = rule.HelpURI()
		}
		file.Findings = append(file.Findings, hf)
	}

	all := everyFinding(p)
	_ = inParts(len(all), func(i int) error {
		all[i].Snippet = src.snippet(all[i].finding)
		return nil
	})

	kinds := make([]htmlBar, 0, len(byKind))
	for kind, total := range byKind {
		kinds = append(kinds, htmlBar{Label: printable(kind), Class: "kind", Count: total})
	}
	sort.Slice(kinds, func(i, j int) bool {
		if kinds[i].Count != kinds[j].Count {
			return kinds[i].Count > kinds[j].Count
		}
		return kinds[i].Label < kinds[j].Label
	})
	p.ByKind = newChart("Findings by kind", kinds)

	for _, sc := range r.Scope {
		p.Scope = append(p.Scope, printable(sc))
	}
	for _, pv := range r.Provenance {
		c := printable(pv.RepositoryURI) + " at " + printable(pv.Revision)
		if pv.Branch != "" {
			c += " (" + printable(pv.Branch) + ")"
		}
		p.Commits = append(p.Commits, c)
	}
	p.Date = printable(r.Date)
	bySeverity(p)
	p.Urgent = urgent(p)
	p.ByGuide = guideCounts(r, idx)
	p.Guides = compliance(r, idx, p)
	p.HasGuide = r.Guides != nil
	return p
}

// newChart lays out a horizontal bar chart; bars scale to the largest count, and a non-zero
// count always gets a visible bar.
func newChart(label string, bars []htmlBar) htmlChart {
	most := 0
	for _, b := range bars {
		most = max(most, b.Count)
	}
	out := htmlChart{Label: label, Width: chartWidth, Height: len(bars) * chartRowHeight}
	for i, b := range bars {
		b.Y = i * chartRowHeight
		b.TextY = b.Y + chartRowHeight*2/3
		b.BarX, b.BarY = chartLabelWidth, b.Y+(chartRowHeight-chartBarHeight)/2
		if most > 0 && b.Count > 0 {
			b.Width = max(2, b.Count*chartBarMax/most)
		}
		b.CountX = chartLabelWidth + b.Width + 6
		out.Bars = append(out.Bars, b)
	}
	return out
}

func location(f rules.Finding) string {
	p := printable(f.Path)
	if f.Range.Start.Line < 1 {
		return p
	}
	if f.Range.Start.Column < 1 {
		return fmt.Sprintf("%s:%d", p, f.Range.Start.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p, f.Range.Start.Line, f.Range.Start.Column)
}

// sourceLines reads each quoted file once.
type sourceLines struct {
	paths map[string]string
	// lines holds a file's lines as read, or nil when it cannot be quoted.
	lines    map[string][]string
	redactor *secret.Redactor
}

func (s *sourceLines) file(path string) []string {
	if l, ok := s.lines[path]; ok {
		return l
	}
	l := readQuotable(s.paths[path])
	s.lines[path] = l
	return l
}

// readQuotable returns a file's lines (without line ends), or nil when there is no such file
// or it is not text: a snippet is a courtesy, and the findings stand without it.
func readQuotable(name string) []string {
	if name == "" {
		return nil
	}
	st, err := os.Stat(name)
	if err != nil || !st.Mode().IsRegular() || st.Size() > maxQuotedFile {
		return nil
	}
	raw, err := os.ReadFile(name)
	if err != nil || bytes.IndexByte(raw, 0) >= 0 {
		return nil
	}
	// Columns of the parsers' marks count the bytes as read: the text is made valid UTF-8
	// only once masked.
	lines := strings.Split(strings.TrimSuffix(string(raw), "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

// snippet quotes the finding's line with contextLines around it, each masked by the
// Redactor; nothing without one.
func (s *sourceLines) snippet(f rules.Finding) []htmlLine {
	if s.redactor == nil {
		return nil
	}
	line := f.Range.Start.Line
	lines := s.file(f.Path)
	if line < 1 || line > len(lines) {
		return nil
	}
	from, to := max(1, line-contextLines), min(len(lines), line+contextLines)
	out := make([]htmlLine, 0, to-from+1)
	for n := from; n <= to; n++ {
		text := strings.ToValidUTF8(s.redactor.Line(f.Path, n, lines[n-1]), "\uFFFD")
		out = append(out, htmlLine{Number: n, Text: quotable(text), Hit: n == line})
	}
	return out
}

// quotable keeps tabs but escapes other control and bidirectional characters (a line must
// not reorder what the reader sees), and cuts long lines.
func quotable(line string) string {
	parts := strings.Split(line, "\t")
	for i, p := range parts {
		parts[i] = printable(p)
	}
	line = strings.Join(parts, "\t")
	if utf8.RuneCountInString(line) <= maxQuotedRunes {
		return line
	}
	return string([]rune(line)[:maxQuotedRunes]) + "…"
}

const htmlTemplate = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="{{.ToolName}}{{with .Version}} {{.}}{{end}}">
<link rel="icon" href="data:,">
<title>{{.ToolName}} report</title>
<style>
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --panel: #f6f8fa; --line: #d1d9e0; --hit: #fff8c5;
  --critical: #8250df; --high: #cf222e; --medium: #bc4c00; --low: #0969da; --info: #59636e; --kind: #1f6feb; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #151b23; --line: #3d444d; --hit: #3b2e00; } }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
header.page, main { max-width: 1100px; margin: 0 auto; padding: 0 24px; }
header.page { padding-top: 24px; }
h1 { font-size: 1.8em; margin: 0 0 4px; }
h2 { font-size: 1.25em; margin: 32px 0 12px; padding-bottom: 4px; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
.meta, .location, .n { color: var(--muted); }
.charts { display: flex; flex-wrap: wrap; gap: 24px; }
figure { margin: 0; padding: 12px; background: var(--panel); border: 1px solid var(--line); border-radius: 6px; }
figcaption { font-weight: 600; margin-bottom: 6px; }
svg text { fill: var(--fg); font-size: 13px; }
.bar.sev-critical, .badge.sev-critical { fill: var(--critical); background: var(--critical); }
.bar.sev-high, .badge.sev-high { fill: var(--high); background: var(--high); }
.bar.sev-medium, .badge.sev-medium { fill: var(--medium); background: var(--medium); }
.bar.sev-low, .badge.sev-low { fill: var(--low); background: var(--low); }
.bar.sev-info, .badge.sev-info { fill: var(--info); background: var(--info); }
.bar.kind { fill: var(--kind); }
table.counts { border-collapse: collapse; margin-top: 16px; }
table.counts td, table.counts th { border: 1px solid var(--line); padding: 4px 12px; text-align: left; }
table.counts td:last-child { text-align: right; }
.badge { display: inline-block; min-width: 64px; padding: 1px 8px; border-radius: 10px; color: #fff; font-size: 0.8em; font-weight: 600; text-align: center; text-transform: uppercase; }
article.finding { margin: 16px 0; padding: 12px 16px; border: 1px solid var(--line); border-radius: 6px; background: var(--panel); }
article.finding > header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 8px; }
.rule { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-weight: 600; }
.title { font-weight: 600; }
.message { margin: 8px 0 4px; overflow-wrap: anywhere; }
.location { margin: 0 0 8px; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; overflow-wrap: anywhere; }
pre.snippet { margin: 8px 0; padding: 8px 0; overflow-x: auto; background: var(--bg); border: 1px solid var(--line); border-radius: 6px; font-size: 13px; line-height: 1.45; tab-size: 4; }
pre.snippet .line { display: block; padding: 0 12px 0 0; white-space: pre; }
pre.snippet .line.hit { background: var(--hit); }
pre.snippet .ln { display: inline-block; width: 4.5em; padding-right: 12px; text-align: right; color: var(--muted); user-select: none; }
.fix, .guide, .doc { margin: 6px 0 0; }
a { color: var(--low); }
details { margin-top: 16px; }
footer { max-width: 1100px; margin: 40px auto; padding: 0 24px; color: var(--muted); font-size: 0.9em; }
dl.scope { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0 0; }
dl.scope dt { font-weight: 600; }
dl.scope dd { margin: 0; overflow-wrap: anywhere; }
ol.urgent li { margin: 6px 0; }
table.statements { border-collapse: collapse; width: 100%; font-size: 0.9em; }
table.statements td, table.statements th { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
tr.st-failed td:last-child { color: var(--high); }
tr.st-passed td:last-child, tr.st-partly td:last-child { color: #1a7f37; }
@media print {
  :root { color-scheme: light; --fg: #000; --muted: #444; --bg: #fff; --panel: #fff; --line: #999; --hit: #eee; }
  body { font-size: 11pt; }
  header.page, main, footer { max-width: none; padding: 0; }
  pre.snippet { overflow: visible; }
  pre.snippet .line { white-space: pre-wrap; overflow-wrap: anywhere; }
  article.finding, tr { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  details > ul { display: block; }
  .badge { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
</style>
</head>
<body>
<header class="page">
<h1>{{.ToolName}} report</h1>
<p class="meta">{{.ToolName}}{{with .Version}} {{.}}{{end}} · {{.Scanned}} {{if eq .Scanned 1}}file{{else}}files{{end}} scanned</p>
<dl class="scope">
{{- with .Date}}<dt>Date</dt><dd>{{.}}</dd>{{end}}
{{- with .Scope}}<dt>Scope</dt><dd>{{range $i, $s := .}}{{if $i}}, {{end}}<code>{{$s}}</code>{{end}}</dd>{{end}}
{{- with .Commits}}<dt>Commit</dt>{{range .}}<dd>{{.}}</dd>{{end}}{{end}}
<dt>Tool</dt><dd>{{.ToolName}}{{with .Version}} {{.}}{{end}}</dd>
</dl>
</header>
<main>
<section class="summary" aria-labelledby="summary">
<h2 id="summary">Summary</h2>
{{- if .Total}}
<p><strong>{{.Total}} {{if eq .Total 1}}finding{{else}}findings{{end}}</strong> in {{.FilesWithFindings}} of {{.Scanned}} scanned {{if eq .Scanned 1}}file{{else}}files{{end}}{{if .Suppressed}}, {{.Suppressed}} suppressed{{end}}.</p>
<div class="charts">
<figure>
<figcaption>By severity</figcaption>
{{template "chart" .BySeverity}}
</figure>
<figure>
<figcaption>By kind</figcaption>
{{template "chart" .ByKind}}
</figure>
</div>
<table class="counts">
<thead><tr><th>Severity</th><th>Findings</th></tr></thead>
<tbody>
{{- range .SeverityRows}}
<tr><td><span class="badge {{.Class}}">{{.Label}}</span></td><td>{{.Count}}</td></tr>
{{- end}}
<tr><td>suppressed</td><td>{{.Suppressed}}</td></tr>
</tbody>
</table>
{{- else}}
<p class="none">No findings in {{.Scanned}} scanned {{if eq .Scanned 1}}file{{else}}files{{end}}{{if .Suppressed}} ({{.Suppressed}} suppressed){{end}}.</p>
{{- end}}
{{- with .Urgent}}
<h3>Most urgent fixes</h3>
<ol class="urgent">
{{- range .}}
<li><span class="badge sev-{{.Severity}}">{{.Severity}}</span> <a href="#{{.Anchor}}"><span class="rule">{{.ID}}</span>{{with .Title}} {{.}}{{end}}</a> <span class="location">{{.Location}}</span>{{with .Remediation}}<br>{{.}}{{end}}</li>
{{- end}}
</ol>
{{- end}}
{{- with .ByGuide}}
<table class="counts guides">
<thead><tr><th>Guide</th><th>Findings</th></tr></thead>
<tbody>
{{- range .}}
<tr><td>{{.Label}}</td><td>{{.Count}}</td></tr>
{{- end}}
</tbody>
</table>
{{- end}}
{{- with .ScannedFiles}}
<details>
<summary>Files scanned</summary>
<ul>
{{- range .}}
<li>{{.}}</li>
{{- end}}
</ul>
</details>
{{- end}}
</section>
{{- if .HasGuide}}
<section class="compliance" aria-labelledby="compliance">
<h2 id="compliance">Compliance with the vendor guides</h2>
<p>Each statement of each guide a deployment can keep or break, checked against this scan: <em>failed</em> links to its findings; <em>passed</em> means the rules that enforce it found nothing in the files scanned (<em>passed what is checked</em>: they check part of it); <em>not applicable</em>: no file those rules judge was scanned; the rest no file can show.</p>
{{- range .Guides}}
<h3><a href="{{.URL}}">{{.Name}}</a></h3>
<p class="meta">{{.Failed}} failed, {{.Passed}} passed, {{.NotApplicable}} not applicable, {{.Other}} not checked in files ({{.Static}} of {{len .Statements}} statements can be checked in a file).</p>
<table class="statements">
<thead><tr><th>Statement</th><th>Guide says</th><th>Result</th></tr></thead>
<tbody>
{{- range .Statements}}
<tr class="st-{{.Status}}" data-statement="{{.ID}}" data-status="{{.Status}}"><td><a href="{{.URL}}">{{.ID}}</a><br><span class="n">{{.Section}}</span></td><td>{{.Quote}}</td><td><strong>{{.Label}}</strong>{{with .Detail}}<br><span class="n">{{.}}</span>{{end}}{{range .Links}}<br><a href="#{{.Anchor}}">{{.Label}}</a>{{end}}{{if gt .More 0}}<br><span class="n">and {{.More}} more</span>{{end}}</td></tr>
{{- end}}
</tbody>
</table>
{{- end}}
</section>
{{- end}}
{{- range .Files}}
<section class="file" data-path="{{.Path}}">
<h2>{{.Path}} <span class="n">({{.Total}})</span></h2>
{{- range .Findings}}{{.HTML}}
{{- end}}
{{- range .Omitted}}
<p class="omitted">{{.Count}} more {{.ID}} {{if eq .Count 1}}finding{{else}}findings{{end}} in this file, not shown here: the JSON and SARIF reports list every one.</p>
{{- end}}
</section>
{{- end}}
</main>
<footer>Generated by {{.ToolName}}{{with .Version}} {{.}}{{end}}. {{if .Unquoted}}Source lines are not quoted: this report was made without the scan's secrets to hide them.{{else}}Secret values in quoted lines are hidden.{{end}}</footer>
</body>
</html>
{{define "finding"}}
<article class="finding" data-rule="{{.ID}}" data-severity="{{.Severity}}" data-path="{{.Path}}" data-line="{{.Line}}" id="{{.Anchor}}">
<header><span class="badge sev-{{.Severity}}">{{.Severity}}</span> <span class="rule">{{.ID}}</span>{{with .Title}} <span class="title">{{.}}</span>{{end}}</header>
<p class="message">{{.Message}}</p>
<p class="location">{{.Location}}</p>
{{- with .Snippet}}
<pre class="snippet"><code>
{{- range .}}<span class="line{{if .Hit}} hit{{end}}"><span class="ln">{{.Number}}</span>{{.Text}}</span>{{end -}}
</code></pre>
{{- end}}
{{- with .Remediation}}
<p class="fix"><strong>Fix:</strong> {{.}}</p>
{{- end}}
{{- with .Guide}}
<p class="guide"><strong>Enforces:</strong> {{.}}</p>
{{- end}}
{{- if .DocURL}}
<p class="doc"><a href="{{.DocURL}}">{{.ID}} documentation</a></p>
{{- end}}
</article>{{end -}}
{{define "chart" -}}
<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{{.Label}}" width="{{.Width}}" height="{{.Height}}" viewBox="0 0 {{.Width}} {{.Height}}">
{{- range .Bars}}
<g><text x="0" y="{{.TextY}}">{{.Label}}</text><rect class="bar {{.Class}}" x="{{.BarX}}" y="{{.BarY}}" width="{{.Width}}" height="18" rx="3"></rect><text x="{{.CountX}}" y="{{.TextY}}">{{.Count}}</text></g>
{{- end}}
</svg>
{{- end}}`
