package report

import (
	"bufio"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strings"

	"github.com/deploylint/deploylint/rules"
)

// markdownWriter writes GitHub-flavoured Markdown for tickets and job summaries
// ($GITHUB_STEP_SUMMARY): a heading, a table of counts by severity, a table of findings, and
// how to fix each rule that fired. Suppressed findings are counted, not listed.
//
// Every cell is escaped: paths and messages carry names taken from scanned files, and a name
// must not be able to break the table, open a code span, inject HTML or smuggle in a link.
type markdownWriter struct{}

func (markdownWriter) Write(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	idx := ruleIndex(r.Rules)
	c := count(r.Findings)
	name := r.Tool.Name
	if name == "" {
		name = "deploylint"
	}
	fmt.Fprintf(bw, "# %s report\n\n", mdText(printable(name)))
	if c.total == 0 {
		fmt.Fprintf(bw, "No findings in %s", plural(len(r.Files), "scanned file"))
		if c.suppressed > 0 {
			fmt.Fprintf(bw, " (%d suppressed)", c.suppressed)
		}
		fmt.Fprintf(bw, ".%s\n", mdToolSuffix(r.Tool))
		return flushMarkdown(bw)
	}

	fmt.Fprintf(bw, "**%s** in %d of %s", plural(c.total, "finding"), c.files, plural(len(r.Files), "scanned file"))
	if c.suppressed > 0 {
		fmt.Fprintf(bw, " (%d suppressed)", c.suppressed)
	}
	fmt.Fprintf(bw, ".%s\n\n", mdToolSuffix(r.Tool))

	fmt.Fprint(bw, "| Severity | Findings |\n| :-- | --: |\n")
	for _, s := range severityOrder {
		fmt.Fprintf(bw, "| %s | %d |\n", s, c.bySeverity[s])
	}
	fmt.Fprintf(bw, "| **total** | **%d** |\n| suppressed | %d |\n", c.total, c.suppressed)

	fmt.Fprint(bw, "\n## Findings\n\n| Severity | Rule | Location | Message |\n| :-- | :-- | :-- | :-- |\n")
	fired := map[string]bool{}
	for _, f := range r.Findings {
		if f.Suppressed != nil {
			continue
		}
		fired[f.RuleID] = true
		loc := printable(f.Path)
		if l := f.Range.Start.Line; l > 0 {
			loc = fmt.Sprintf("%s:%d", loc, l)
		}
		fmt.Fprintf(bw, "| %s | %s | %s | %s |\n", f.Severity, mdRuleLink(f.RuleID, idx[f.RuleID]), mdText(loc), mdText(printable(f.Message)))
	}

	ids := make([]string, 0, len(fired))
	for id := range fired {
		if rule, ok := idx[id]; ok && rule.Remediation != "" {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	if len(ids) > 0 {
		fmt.Fprint(bw, "\n## How to fix\n\n")
		for _, id := range ids {
			rule := idx[id]
			fmt.Fprintf(bw, "- %s **%s**: %s\n", mdRuleLink(id, rule), mdText(printable(rule.Title)), mdText(printable(rule.Remediation)))
		}
	}
	return flushMarkdown(bw)
}

func flushMarkdown(bw *bufio.Writer) error {
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write markdown report: %w", err)
	}
	return nil
}

func mdToolSuffix(t Tool) string {
	if t.Version == "" {
		return ""
	}
	name := t.Name
	if name == "" {
		name = "deploylint"
	}
	return fmt.Sprintf(" Checked by %s %s.", mdText(printable(name)), mdText(printable(t.Version)))
}

// mdRuleLink is the rule ID, linked to the rule's documentation when the catalogue gives a
// web address for it.
func mdRuleLink(id string, rule *rules.Rule) string {
	text := mdText(printable(id))
	if rule == nil {
		return text
	}
	u := mdURL(rule.HelpURI())
	if u == "" {
		return text
	}
	return "[" + text + "](" + u + ")"
}

// mdURL returns an http(s) address fit for a Markdown link destination inside a table cell,
// or "" for anything else (a javascript: link in a user policy's metadata, say).
func mdURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return ""
	}
	var b strings.Builder
	for _, c := range []byte(u.String()) {
		// Characters that would end the destination, the link or the cell.
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`()<>|\`+"`"+`[]"'`, c) >= 0 {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// mdText escapes text for a table cell or list item: HTML becomes entities, Markdown
// punctuation is backslash-escaped, '|' cannot end the cell and a line break cannot end the
// row.
func mdText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '\n', '\r':
			b.WriteByte(' ')
		case '\\', '`', '*', '_', '[', ']', '|', '~':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
