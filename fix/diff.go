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
	old, shown := c.maskedLines(r)
	d, err := difflib.GetUnifiedDiffString(difflib.UnifiedDiff{
		A: old, B: shown, FromFile: "a/" + c.Path, ToFile: "b/" + c.Path, Context: 3,
	})
	if err != nil {
		return "", fmt.Errorf("diff %s: %w", c.Path, err)
	}
	b.WriteString(d)
	return b.String(), nil
}

// maskedLines are the old and new contents, line by line, as a diff may print them. An old
// line is masked where the parsers marked a secret on it; a new line the edits did not touch
// is that same masked line (so a short secret, which no value mask catches, stays masked and
// the line is not shown as changed); a touched line shows its new secrets described and is
// masked by value.
func (c *Change) maskedLines(r *secret.Redactor) (old, shown []string) {
	src := c.Old
	starts := []int{0}
	for i, b := range src {
		if b == '\n' && i+1 < len(src) {
			starts = append(starts, i+1)
		}
	}
	lineEnd := func(k int) int {
		if k+1 < len(starts) {
			return starts[k+1]
		}
		return len(src)
	}
	masked := make([]string, len(starts))
	for k := range starts {
		if len(src) == 0 {
			masked = nil
			break
		}
		l := strings.TrimRight(string(src[starts[k]:lineEnd(k)]), "\r\n")
		masked[k] = secret.Printable(r.Line(c.Path, k+1, l)) + "\n"
	}
	touched := make([]bool, len(starts))
	for _, e := range c.Edits {
		for k := range starts {
			// An edit touches a line it overlaps, or an insertion inside it (one at a line's
			// start belongs to that line; one at the end of the file to none).
			if e.Start < lineEnd(k) && e.End >= starts[k] && (e.Start != e.End || e.Start != len(src)) {
				touched[k] = true
			}
		}
	}
	var out []string
	for k := 0; k < len(masked); {
		if !touched[k] {
			out = append(out, masked[k])
			k++
			continue
		}
		j := k
		for j < len(masked) && touched[j] {
			j++
		}
		var region []Edit
		for _, e := range c.Edits {
			if e.Start >= starts[k] && e.End <= lineEnd(j-1) && (e.Start != e.End || e.Start != len(src)) {
				region = append(region, Edit{Start: e.Start - starts[k], End: e.End - starts[k], New: e.New, Shown: e.Shown})
			}
		}
		text := string(apply(src[starts[k]:lineEnd(j-1)], region, true))
		for _, l := range difflib.SplitLines(strings.TrimSuffix(text, "\n")) {
			out = append(out, secret.Printable(r.String(strings.TrimRight(l, "\r\n")))+"\n")
		}
		k = j
	}
	for _, e := range c.Edits {
		if e.Start == e.End && e.Start == len(src) { // lines appended at the end
			for _, l := range difflib.SplitLines(strings.TrimSuffix(strings.TrimLeft(shownOr(e.Shown, e.New), "\r\n"), "\n")) {
				out = append(out, secret.Printable(r.String(strings.TrimRight(l, "\r\n")))+"\n")
			}
		}
	}
	return masked, out
}
