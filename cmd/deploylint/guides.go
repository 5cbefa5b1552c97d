package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/deploylint/deploylint/policies"
	"github.com/deploylint/deploylint/rules"
)

func (a *app) guidesCmd() *cobra.Command {
	var markdown bool
	cmd := &cobra.Command{
		Use:   "guides [GUIDE...]",
		Short: "Show how much of each vendor security guide the rules enforce",
		Long: `Without arguments, print the coverage table: per guide, its statements, how many of them
a static file can show and how many of those the rules enforce fully, in part or not yet, and
how many no file can show (a firewall, a procedure, a running cluster). With a guide (its ID or
name), list its statements with their rules, coverage and what is left out.`,
		Example: `  deploylint guides               # the coverage table
  deploylint guides S1            # every statement of the FetchML guide
  deploylint guides cosmos        # the same for the COSMOS guide, by name
  deploylint guides --markdown    # the table as Markdown (as in README.md)`,
		Args: cobra.ArbitraryArgs,
		RunE: func(_ *cobra.Command, args []string) error {
			// The map is the built-in policies' own: no configuration or custom folder changes it.
			m, err := rules.ReadGuideMap(policies.FS)
			if err != nil {
				return err
			}
			if len(args) == 0 {
				if markdown {
					_, err := io.WriteString(a.stdout, guideTable(m, "docs/guides/"))
					return err
				}
				return writeGuideCounts(a.stdout, m)
			}
			for i, name := range args {
				g, ok := m.Lookup(name)
				if !ok {
					return fmt.Errorf("no guide %s (see deploylint guides)", name)
				}
				if i > 0 {
					fmt.Fprintln(a.stdout)
				}
				if markdown {
					_, err = io.WriteString(a.stdout, guideStatementTable(g, "docs/rules/"))
				} else {
					err = writeGuideStatements(a.stdout, g)
				}
				if err != nil {
					return err
				}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&markdown, "markdown", false, "print Markdown (the table in README.md, or a guide's statements as in docs/guides)")
	return cmd
}

// writeGuideCounts prints the coverage table, one guide a row and the total.
func writeGuideCounts(w io.Writer, m *rules.GuideMap) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "GUIDE\tSTATEMENTS\tCHECKABLE\tFULL\tPARTIAL\tNONE\tNOT STATIC\tNAME")
	row := func(id, name string, c rules.GuideCounts) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%s\n", id, c.Statements, c.Static, c.Full, c.Partial, c.None, c.NotStatic, name)
	}
	for _, g := range m.Guides {
		row(g.ID, g.Name, g.Counts())
	}
	row("total", "", m.Counts())
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w, "\nCHECKABLE: a breach would show in a static file; FULL, PARTIAL and NONE split those by how\nmuch the rules report. NOT STATIC: a firewall, the host, a procedure, a running cluster.")
	return err
}

// writeGuideStatements prints a guide's statements for the terminal.
func writeGuideStatements(w io.Writer, g *rules.Guide) error {
	fmt.Fprintf(w, "%s %s: %s\n\n", g.ID, g.Name, coverageSummary(g.Counts()))
	for _, s := range g.Statements {
		fmt.Fprintf(w, "%s  %s  %q\n", s.ID, coverageLabel(s), s.Quote)
		if len(s.Rules) > 0 {
			fmt.Fprintf(w, "       rules: %s\n", strings.Join(s.Rules, ", "))
		}
		if len(s.Planned) > 0 {
			fmt.Fprintf(w, "       planned: %s\n", strings.Join(s.Planned, ", "))
		}
		if why := statementNotes(s); why != "" {
			fmt.Fprintf(w, "       %s\n", why)
		}
	}
	return nil
}

// coverageLabel is a statement's coverage, with why a file cannot show it when none can.
func coverageLabel(s *rules.Statement) string {
	if s.Static() {
		return string(s.Coverage)
	}
	return fmt.Sprintf("%s, not static: %s", s.Coverage, s.Check.Label())
}

// coverageWords says how much of a statement the rules enforce, for a reader who has not seen
// the guide map's vocabulary.
func coverageWords(c rules.Coverage) string {
	switch c {
	case rules.CoverageFull:
		return "fully covered"
	case rules.CoveragePartial:
		return "partly covered"
	}
	return "not covered"
}

// statementNotes is the reason no file shows a statement and what its rules leave out.
func statementNotes(s *rules.Statement) string {
	return strings.TrimSpace(s.Reason + " " + s.Note)
}

// coverageSummary is the one line a guide page and `deploylint guides GUIDE` open with.
func coverageSummary(c rules.GuideCounts) string {
	return fmt.Sprintf("%d statements; %d checkable in a static file: %d fully covered, %d partly, %d not yet; %d not checkable statically (%d of them checked in part)",
		c.Statements, c.Static, c.Full, c.Partial, c.None, c.NotStatic, c.NotStaticPartial)
}

// guideTable renders the coverage table as Markdown, each guide linked to its page under base
// (README.md embeds it with docs/guides/, docs/guides/README.md with nothing).
func guideTable(m *rules.GuideMap, base string) string {
	var b strings.Builder
	b.WriteString("| Guide | Statements | Checkable | Full | Partial | None | Not static |\n| --- | --- | --- | --- | --- | --- | --- |\n")
	row := func(name string, c rules.GuideCounts) {
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %d | %d | %d |\n", name, c.Statements, c.Static, c.Full, c.Partial, c.None, c.NotStatic)
	}
	for _, g := range m.Guides {
		row(fmt.Sprintf("[%s %s](%s%s.md)", g.ID, mdCell(g.Name), base, g.Slug), g.Counts())
	}
	row("Total", m.Counts())
	return b.String()
}

// guideIndex renders docs/guides/README.md: the coverage table, each guide linked to its page.
func guideIndex(m *rules.GuideMap) string {
	var b strings.Builder
	b.WriteString("# The guide map\n\n" +
		"How much of each vendor security guide deploylint enforces: every statement of a guide that a\n" +
		"deployment can satisfy or break, the rules that enforce it and, for what no static file can\n" +
		"show, why. `deploylint guides` prints this table.\n\n")
	b.WriteString(guideTable(m, ""))
	b.WriteString("\n*Checkable*: a breach would show in a static file; *Full*, *Partial* and *None* split those by\n" +
		"how much the rules report. *Not static*: a firewall, the host, a procedure, a running cluster.\n")
	fmt.Fprintf(&b, "\n<!-- generated from policies/%s by make docs -->\n", rules.GuidesFile)
	return b.String()
}

// guideDoc renders docs/guides/<slug>.md from the guide map.
func guideDoc(g *rules.Guide) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s %s: the guide map\n\n", g.ID, g.Name)
	if g.URL != "" {
		fmt.Fprintf(&b, "Source: <%s>\n\n", g.URL)
	}
	b.WriteString("Every statement of the guide that a deployment can satisfy or break, quoted briefly; the rules\n" +
		"that enforce it; how much of it they catch; and, for what no static file can show, why.\n" +
		"`deploylint guides " + g.ID + "` prints the same.\n\n")
	fmt.Fprintf(&b, "**Coverage:** %s.\n\n", coverageSummary(g.Counts()))
	b.WriteString(guideStatementTable(g, "../rules/"))
	b.WriteString("\n**Coverage** says how much of a breach the rules report: *full* (every breach a static file can\n" +
		"show), *partial* (some; the notes say what is left), *none* (no rule yet). A statement *not static*\n" +
		"cannot be seen in a file at all; its rules, if any, check the part that can.\n")
	fmt.Fprintf(&b, "\n<!-- generated from policies/%s by make docs -->\n", rules.GuidesFile)
	return b.String()
}

// guideStatementTable is a guide's statements as a Markdown table, rule IDs linked under
// ruleDocs (docs/rules/ as seen from where the table is shown).
func guideStatementTable(g *rules.Guide, ruleDocs string) string {
	var b strings.Builder
	b.WriteString("| ID | Section | Statement | Rules | Coverage | Notes |\n| --- | --- | --- | --- | --- | --- |\n")
	for _, s := range g.Statements {
		links := make([]string, len(s.Rules))
		for i, id := range s.Rules {
			links[i] = fmt.Sprintf("[%s](%s%s.md)", id, ruleDocs, id)
		}
		notes := mdCell(statementNotes(s))
		if len(s.Planned) > 0 {
			notes = strings.TrimSpace(notes + " Planned: " + strings.Join(s.Planned, ", ") + ".")
		}
		fmt.Fprintf(&b, "| <a id=\"%s\"></a>%s | %s | “%s” | %s | %s | %s |\n",
			s.Anchor(), s.ID, mdCell(s.Section), mdCell(s.Quote), strings.Join(links, ", "), mdCell(coverageLabel(s)), notes)
	}
	return b.String()
}

// mdCell keeps text inside one Markdown table cell and shows it as written: the guides' words
// hold *, _ and <…> (running-script*, CHANGE_ME_..., <username>).
func mdCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", `\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", "&lt;").Replace(s)
}
