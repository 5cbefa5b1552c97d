package fix

import (
	"fmt"
	"strings"

	"github.com/pmezard/go-difflib/difflib"

	"github.com/deploylint/deploylint/secret"
)

// Diff is the change as a unified diff (git's a/ and b/ prefixes), with every new secret shown
// as a description of it and every line passed through r, so that neither a new nor an old
// secret value is printed.
func (c *Change) Diff(r *secret.Redactor) (string, error) {
	var b strings.Builder
	if c.Mode != 0 {
		fmt.Fprintf(&b, "diff %s: mode %04o -> %04o\n", c.Path, c.OldMode, c.Mode)
	}
	if len(c.Edits) == 0 {
		return b.String(), nil
	}
	old := difflib.SplitLines(string(c.Old))
	for i, l := range old {
		old[i] = secret.Printable(r.Line(c.Path, i+1, strings.TrimRight(l, "\r\n"))) + "\n"
	}
	shown := difflib.SplitLines(string(c.Shown()))
	for i, l := range shown {
		shown[i] = secret.Printable(r.String(strings.TrimRight(l, "\r\n"))) + "\n"
	}
	d, err := difflib.GetUnifiedDiffString(difflib.UnifiedDiff{
		A: trimLast(old), B: trimLast(shown), FromFile: "a/" + c.Path, ToFile: "b/" + c.Path, Context: 3,
	})
	if err != nil {
		return "", fmt.Errorf("diff %s: %w", c.Path, err)
	}
	b.WriteString(d)
	return b.String(), nil
}

// trimLast drops the empty line SplitLines adds after a final line ending.
func trimLast(lines []string) []string {
	if n := len(lines); n > 0 && lines[n-1] == "\n" {
		return lines[:n-1]
	}
	return lines
}
