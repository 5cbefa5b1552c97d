package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"

	"github.com/deploylint/deploylint/rules"
)

// textWriter prints one finding per line, compiler style, then what to change, then a summary.
// Suppressed findings are only counted.
type textWriter struct{ color, noSummary bool }

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
		loc := fmt.Sprintf("%s:%d:%d:", printable(f.Path), f.Range.Start.Line, f.Range.Start.Column)
		fmt.Fprintf(bw, "%s %s %s %s\n", t.paint(ansiBold, loc), t.paint(severityColor[f.Severity], f.Severity.String()),
			printable(f.RuleID), printable(f.Message))
		if rule, ok := idx[f.RuleID]; ok && rule.Remediation != "" {
			fmt.Fprintf(bw, "    %s %s\n", t.paint(ansiDim, "fix:"), printable(rule.Remediation))
		}
	}
	if t.noSummary {
		return bw.Flush()
	}
	c := count(r.Findings)
	if c.total > 0 {
		fmt.Fprintln(bw)
	}
	fmt.Fprintln(bw, summary(c, len(r.Files), r.Duration))
	return bw.Flush()
}

// summary is the closing line, e.g.
// "4 findings (1 critical, 2 high, 1 medium) in 2 files, 1 suppressed; 3 files scanned in 7 ms".
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
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// printable escapes control and bidirectional-override characters. Paths and messages carry
// names taken from scanned files (variables, users, directives), and a file crafted with escape
// sequences must not be able to move the cursor, recolour the terminal or reorder what is shown.
func printable(s string) string {
	if !strings.ContainsFunc(s, unsafeRune) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case !unsafeRune(r):
			b.WriteRune(r)
		case r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.String()
}

func unsafeRune(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r)
}
