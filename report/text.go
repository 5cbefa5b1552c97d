package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/deploylint/deploylint/rules"
)

// textWriter prints one finding per line, compiler style, then what to change.
type textWriter struct{ color bool }

const (
	ansiReset = "\x1b[0m"
	ansiBold  = "\x1b[1m"
	ansiDim   = "\x1b[2m"
)

var severityColor = map[rules.Severity]string{
	rules.Critical: "\x1b[1;35m",
	rules.High:     "\x1b[1;31m",
	rules.Medium:   "\x1b[33m",
	rules.Low:      "\x1b[36m",
	rules.Info:     "\x1b[34m",
}

func (t textWriter) paint(code, s string) string {
	if !t.color {
		return s
	}
	return code + s + ansiReset
}

func (t textWriter) Write(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	idx := ruleIndex(r.Rules)
	for _, f := range r.Findings {
		if f.Suppressed != nil {
			continue
		}
		loc := fmt.Sprintf("%s:%d:%d:", f.Path, f.Range.Start.Line, f.Range.Start.Column)
		fmt.Fprintf(bw, "%s %s %s %s\n", t.paint(ansiBold, loc), t.paint(severityColor[f.Severity], f.Severity.String()), f.RuleID, f.Message)
		if rule, ok := idx[f.RuleID]; ok && rule.Remediation != "" {
			fmt.Fprintf(bw, "    %s %s\n", t.paint(ansiDim, "fix:"), rule.Remediation)
		}
	}
	c := count(r.Findings)
	if c.total > 0 {
		fmt.Fprintln(bw)
	}
	fmt.Fprintln(bw, summary(c, len(r.Files), r.Duration))
	return bw.Flush()
}

// summary is the closing line: "3 findings (1 critical, 2 high) in 2 files; 5 files scanned in 4 ms".
func summary(c counts, scanned int, d time.Duration) string {
	var b strings.Builder
	if c.total == 0 {
		b.WriteString("no findings")
	} else {
		var parts []string
		for _, s := range severityOrder {
			if n := c.bySeverity[s]; n > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", n, s))
			}
		}
		fmt.Fprintf(&b, "%s (%s) in %s", plural(c.total, "finding"), strings.Join(parts, ", "), plural(c.files, "file"))
	}
	if c.suppressed > 0 {
		fmt.Fprintf(&b, ", %d suppressed", c.suppressed)
	}
	fmt.Fprintf(&b, "; %s scanned in %d ms", plural(scanned, "file"), d.Milliseconds())
	return b.String()
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
