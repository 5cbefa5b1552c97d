package report

import (
	"encoding/json"
	"io"

	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scanners"
)

// jsonWriter writes the schema in testdata/json/schema.json:
//
//	{"version": "1", "tool": {...}, "findings": [...], "summary": {...}}
//
// It carries no timing, so the same input gives byte-identical output.
type jsonWriter struct{}

type jsonReport struct {
	Version  string        `json:"version"`
	Tool     jsonTool      `json:"tool"`
	Findings []jsonFinding `json:"findings"`
	Summary  jsonSummary   `json:"summary"`
}

type jsonTool struct {
	Name           string `json:"name"`
	Version        string `json:"version"`
	InformationURI string `json:"informationUri"`
}

type jsonFinding struct {
	Rule        string             `json:"rule"`
	Severity    string             `json:"severity"`
	Title       string             `json:"title"`
	Message     string             `json:"message"`
	Path        string             `json:"path"`
	Range       scanners.Range     `json:"range"`
	Fingerprint string             `json:"fingerprint"`
	Suppressed  *rules.Suppression `json:"suppressed,omitempty"`
}

type jsonSummary struct {
	Files      int            `json:"files"`
	Findings   int            `json:"findings"`
	Suppressed int            `json:"suppressed"`
	BySeverity map[string]int `json:"by_severity"`
}

func (jsonWriter) Write(w io.Writer, r *Report) error {
	idx := ruleIndex(r.Rules)
	out := jsonReport{
		Version:  "1",
		Tool:     jsonTool{Name: r.Tool.Name, Version: r.Tool.Version, InformationURI: r.Tool.InformationURI},
		Findings: make([]jsonFinding, 0, len(r.Findings)),
	}
	for _, f := range r.Findings {
		jf := jsonFinding{
			Rule: f.RuleID, Severity: f.Severity.String(), Message: f.Message, Path: f.Path,
			Range: f.Range, Fingerprint: f.Fingerprint, Suppressed: f.Suppressed,
		}
		if rule, ok := idx[f.RuleID]; ok {
			jf.Title = rule.Title
		}
		out.Findings = append(out.Findings, jf)
	}
	c := count(r.Findings)
	out.Summary = jsonSummary{Files: len(r.Files), Findings: c.total, Suppressed: c.suppressed, BySeverity: map[string]int{}}
	for s, n := range c.bySeverity {
		out.Summary.BySeverity[s.String()] = n
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
