package main

import (
	"bytes"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/report"
	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scanners"
)

func TestParseOutputs(t *testing.T) {
	got, err := parseOutputs("github", []string{"sarif=out/a.sarif", "json=r.json", "markdown=s.md"})
	if err != nil {
		t.Fatal(err)
	}
	want := []output{{"github", ""}, {"sarif", "out/a.sarif"}, {"json", "r.json"}, {"markdown", "s.md"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	// A plain path (even one with '=' in it) takes the --format report off standard output.
	got, err = parseOutputs("json", []string{"a=b.json"})
	if err != nil || !reflect.DeepEqual(got, []output{{"json", "a=b.json"}}) {
		t.Errorf("plain path: got %v, %v", got, err)
	}
	for _, bad := range [][]string{{"a.json", "b.json"}, {"sarif=x", "json=x"}, {"sarif="}} {
		if _, err := parseOutputs("json", bad); err == nil {
			t.Errorf("%q: accepted", bad)
		}
	}
}

// TestAnnotationCap: with --annotation-limit 10 (GitHub's per step) the most severe findings
// are annotated first, at most ten per level, and the log says how many the summary alone
// carries.
func TestAnnotationCap(t *testing.T) {
	var fs []rules.Finding
	add := func(n int, s rules.Severity) {
		for range n {
			line := len(fs) + 1
			rg := scanners.Range{Start: scanners.Position{Line: line, Column: 1}, End: scanners.Position{Line: line, Column: 2}}
			fs = append(fs, rules.Finding{RuleID: "R" + s.String(), Severity: s, Message: "m", Path: "f", Range: rg})
		}
	}
	// In the driver's order (by line) the low ones come first: without the sort they would
	// take the warning slots and the criticals would be cut.
	add(12, rules.Low)
	add(4, rules.Medium)
	add(8, rules.High)
	add(5, rules.Critical)
	fs = append(fs, rules.Finding{RuleID: "S", Severity: rules.Critical, Path: "f", Suppressed: &rules.Suppression{Kind: "inline", Justification: "j"}})
	w, err := output{format: "github"}.writer(report.Options{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := w.Write(&out, &report.Report{Findings: fs}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	var levels, ids []string
	for _, l := range lines[:len(lines)-1] {
		m := regexp.MustCompile(`^::(\w+) .*title=(\w+)::`).FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("not an annotation: %q", l)
		}
		levels, ids = append(levels, m[1]), append(ids, m[2])
	}
	count := func(s []string, v string) int {
		n := 0
		for _, x := range s {
			if x == v {
				n++
			}
		}
		return n
	}
	if count(levels, "error") != 10 || count(levels, "warning") != 10 {
		t.Errorf("levels %v: want 10 errors and 10 warnings", levels)
	}
	if count(ids, "Rcritical") != 5 || count(ids, "Rmedium") != 4 || ids[0] != "Rcritical" {
		t.Errorf("annotated %v: want every critical first, then high, every medium before low", ids)
	}
	total := 12 + 4 + 8 + 5
	if want := fmt.Sprintf("deploylint: %d more findings are not annotated", total-20); !strings.HasPrefix(lines[len(lines)-1], want) ||
		!strings.Contains(lines[len(lines)-1], fmt.Sprintf("list all %d", total)) {
		t.Errorf("last line %q, want %q…", lines[len(lines)-1], want)
	}
}
