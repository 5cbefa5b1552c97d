package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// junitWriter writes JUnit XML, which CI servers (Jenkins, GitLab, Azure Pipelines, test
// reporter actions) show as a test run: one test suite "deploylint", one test case per scanned
// file (classname and name are the file's path), and one <failure> per unsuppressed finding in
// that file, typed with the rule ID. A file without findings is a passing test.
//
// tests counts test cases (files) and failures counts failing test cases, as in JUnit itself,
// so failures never exceeds tests; the number of findings is the number of <failure>
// elements. There is no time or timestamp, so the same input gives byte-identical output.
type junitWriter struct{}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Properties []junitProperty `xml:"properties>property,omitempty"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string         `xml:"name,attr"`
	Classname string         `xml:"classname,attr"`
	Failures  []junitFailure `xml:"failure"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

func (junitWriter) Write(w io.Writer, r *Report) error {
	idx := ruleIndex(r.Rules)
	name := r.Tool.Name
	if name == "" {
		name = "deploylint"
	}
	// Files first, in the report's order; then files that only hold findings (a value an
	// included or interpolated file supplied), in the findings' order, so none is lost.
	cases := make([]junitCase, 0, len(r.Files))
	byPath := map[string]int{}
	addCase := func(p string) int {
		if i, ok := byPath[p]; ok {
			return i
		}
		byPath[p] = len(cases)
		cases = append(cases, junitCase{Name: printable(p), Classname: printable(p)})
		return len(cases) - 1
	}
	for _, p := range r.Files {
		addCase(p)
	}
	for _, f := range r.Findings {
		if f.Suppressed != nil {
			continue
		}
		i := addCase(f.Path)
		var text strings.Builder
		fmt.Fprintf(&text, "%s:%d:%d %s %s %s", printable(f.Path), f.Range.Start.Line, f.Range.Start.Column,
			f.Severity, printable(f.RuleID), printable(f.Message))
		if rule, ok := idx[f.RuleID]; ok && rule.Remediation != "" {
			fmt.Fprintf(&text, "\nfix: %s", printable(rule.Remediation))
		}
		cases[i].Failures = append(cases[i].Failures, junitFailure{
			Message: printable(f.Message), Type: printable(f.RuleID), Text: text.String(),
		})
	}
	failing := 0
	for _, c := range cases {
		if len(c.Failures) > 0 {
			failing++
		}
	}
	suite := junitSuite{Name: name, Tests: len(cases), Failures: failing, Cases: cases}
	if r.Tool.Version != "" {
		suite.Properties = append(suite.Properties, junitProperty{Name: name + ".version", Value: r.Tool.Version})
	}
	suite.Properties = append(suite.Properties, junitProperty{Name: name + ".suppressed", Value: strconv.Itoa(count(r.Findings).suppressed)})
	out := junitSuites{Name: name, Tests: suite.Tests, Failures: suite.Failures, Suites: []junitSuite{suite}}

	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("write junit report: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("encode junit report: %w", err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("encode junit report: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("write junit report: %w", err)
	}
	return nil
}
