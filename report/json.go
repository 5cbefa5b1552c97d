package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scanners"
)

// jsonWriter writes one object, described by the JSON Schema in testdata/json/schema.json:
//
//	{
//	  "version": "1",
//	  "tool": {"name": "deploylint", "version": "…", "informationUri": "…"},
//	  "findings": [
//	    {"rule": "ACL001", "severity": "high", "title": "…", "message": "…",
//	     "path": "openc3-redis/users.acl",
//	     "range": {"start": {"line": 2, "column": 16}, "end": {"line": 2, "column": 30}},
//	     "fingerprint": "<32 hex digits>",
//	     "suppressed": {"kind": "inline", "justification": "…"},
//	     "fix": "the rule's remediation", "helpUri": "https://…/docs/rules/ACL001.md",
//	     "related": [{"path": ".env", "range": {…}, "message": "…"}]}
//	  ],
//	  "summary": {"files": 3, "findings": 4, "suppressed": 1,
//	              "by_severity": {"critical": 1, "high": 2, "medium": 1, "low": 0, "info": 0}}
//	}
//
// Findings keep the report's order and include suppressed ones ("suppressed" is present only
// for them). Ranges are 1-based and end-exclusive. summary.files counts the files scanned;
// summary.findings and by_severity count unsuppressed findings only. There is no timing, so the
// same input gives byte-identical output, and structs, not maps, fix the key order.
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
	// Fix is the rule's remediation and HelpURI its documentation page, so a consumer needs
	// no catalogue of its own.
	Fix     string           `json:"fix"`
	HelpURI string           `json:"helpUri"`
	Related []rules.Location `json:"related,omitempty"`
}

type jsonSummary struct {
	Files      int            `json:"files"`
	Findings   int            `json:"findings"`
	Suppressed int            `json:"suppressed"`
	BySeverity jsonBySeverity `json:"by_severity"`
}

// jsonBySeverity lists every severity, most severe first, zeros included, so consumers need
// no default.
type jsonBySeverity struct {
	Critical int `json:"critical"`
	High     int `json:"high"`
	Medium   int `json:"medium"`
	Low      int `json:"low"`
	Info     int `json:"info"`
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
			Range: f.Range, Fingerprint: f.Fingerprint, Suppressed: f.Suppressed, Related: f.Related,
		}
		if rule, ok := idx[f.RuleID]; ok {
			jf.Title, jf.Fix, jf.HelpURI = rule.Title, rule.Remediation, rule.HelpURI()
		}
		out.Findings = append(out.Findings, jf)
	}
	c := count(r.Findings)
	out.Summary = jsonSummary{
		Files: len(r.Files), Findings: c.total, Suppressed: c.suppressed,
		BySeverity: jsonBySeverity{
			Critical: c.bySeverity[rules.Critical], High: c.bySeverity[rules.High], Medium: c.bySeverity[rules.Medium],
			Low: c.bySeverity[rules.Low], Info: c.bySeverity[rules.Info],
		},
	}
	// The findings are encoded apart, in parts side by side, in the place the encoder
	// leaves for an empty list.
	findings := out.Findings
	out.Findings = []jsonFinding{}
	head, err := indentedJSON(out, "")
	if err != nil {
		return err
	}
	return spliceList(w, head, "findings", len(findings), func(i int, prefix string) ([]byte, error) {
		return indentedJSON(findings[i], prefix)
	})
}

// indentedJSON encodes v as the report shows it (HTML characters as they are), indented
// under prefix, without the encoder's line break.
func indentedJSON(v any, prefix string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent(prefix, "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("encode json report: %w", err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}
