package report

import (
	"slices"
	"strings"

	"github.com/deploylint/deploylint/rules"
)

// The auditor's view of the HTML report: what was scanned (scope, commit, version, date), an
// executive summary (findings by guide, the most urgent fixes) and, per vendor guide, each
// statement checked against the scan: failed (with links to its findings), passed, not
// applicable (no file it could break was scanned), not checked yet, or not checkable in a file.

// urgentFixes is how many findings the executive summary puts first.
const urgentFixes = 3

// maxStatementLinks bounds the links from one failed statement to its findings.
const maxStatementLinks = 5

type htmlGuide struct {
	Name, URL                                    string
	Statements                                   []htmlStatement
	Failed, Passed, NotApplicable, Other, Static int
}

type htmlStatement struct {
	ID, URL, Section, Quote string
	// Status is failed, passed, partly, n/a, unchecked or manual; Label says it in words.
	Status, Label, Detail string
	Links                 []htmlLink
	More                  int
}

type htmlLink struct{ Anchor, Label string }

// severityRank orders severities most urgent first.
func severityRank(s rules.Severity) int {
	for i, o := range severityOrder {
		if o == s {
			return i
		}
	}
	return len(severityOrder)
}

// bySeverity orders the page's findings most severe first: each file's, and the files by
// their most severe finding; ties keep the scan's order (path, line, rule).
func bySeverity(p *htmlPage) {
	worst := map[*htmlFile]int{}
	for _, f := range p.Files {
		slices.SortStableFunc(f.Findings, func(a, b htmlFinding) int {
			return severityRank(a.finding.Severity) - severityRank(b.finding.Severity)
		})
		worst[f] = len(severityOrder)
		if len(f.Findings) > 0 {
			worst[f] = severityRank(f.Findings[0].finding.Severity)
		}
	}
	slices.SortStableFunc(p.Files, func(a, b *htmlFile) int { return worst[a] - worst[b] })
}

// urgent is the first findings of the page once ordered by severity, most severe first.
func urgent(p *htmlPage) []*htmlFinding {
	var all []*htmlFinding
	for _, f := range p.Files {
		for i := range f.Findings {
			all = append(all, &f.Findings[i])
		}
	}
	slices.SortStableFunc(all, func(a, b *htmlFinding) int {
		return severityRank(a.finding.Severity) - severityRank(b.finding.Severity)
	})
	return all[:min(urgentFixes, len(all))]
}

// guideCounts counts the unsuppressed findings of each guide: a finding counts for every
// guide one of whose statements its rule enforces.
func guideCounts(r *Report, idx map[string]*rules.Rule) []htmlBar {
	if r.Guides == nil {
		return nil
	}
	n := map[string]int{}
	for _, f := range r.Findings {
		rule := idx[f.RuleID]
		if f.Suppressed != nil || rule == nil {
			continue
		}
		seen := map[string]bool{}
		for _, s := range rule.Statements {
			if !seen[s.Guide] {
				seen[s.Guide] = true
				n[s.Guide]++
			}
		}
	}
	bars := make([]htmlBar, 0, len(r.Guides.Guides))
	for _, g := range r.Guides.Guides {
		bars = append(bars, htmlBar{Label: printable(g.Name), Class: "guide", Count: n[g.Name]})
	}
	return bars
}

// compliance checks the scan against every statement of every guide.
func compliance(r *Report, idx map[string]*rules.Rule, p *htmlPage) []htmlGuide {
	if r.Guides == nil {
		return nil
	}
	byRule := map[string][]*htmlFinding{}
	counted := map[string]int{}
	for _, f := range r.Findings {
		if f.Suppressed == nil {
			counted[f.RuleID]++
		}
	}
	for _, file := range p.Files {
		for i := range file.Findings {
			hf := &file.Findings[i]
			byRule[hf.ID] = append(byRule[hf.ID], hf)
		}
	}
	var out []htmlGuide
	for _, g := range r.Guides.Guides {
		hg := htmlGuide{Name: printable(g.Name), URL: g.URL}
		for _, s := range g.Statements {
			hs := htmlStatement{
				ID: s.ID, URL: r.Guides.Docs + g.Slug + ".md#" + s.Anchor(),
				Section: printable(s.Section), Quote: printable(s.Quote),
			}
			statementStatus(&hs, s, r.Kinds, idx, byRule, counted)
			switch hs.Status {
			case "failed":
				hg.Failed++
			case "passed", "partly":
				hg.Passed++
			case "n/a":
				hg.NotApplicable++
			default:
				hg.Other++
			}
			if s.Static() {
				hg.Static++
			}
			hg.Statements = append(hg.Statements, hs)
		}
		out = append(out, hg)
	}
	return out
}

// statementStatus judges one statement by the findings of the rules that enforce it.
func statementStatus(hs *htmlStatement, s *rules.Statement, kinds []string, idx map[string]*rules.Rule, byRule map[string][]*htmlFinding, counted map[string]int) {
	if !s.Static() {
		hs.Status, hs.Label = "manual", "not checkable in a file"
		hs.Detail = printable(strings.TrimSpace(s.Check.Label() + ": " + s.Reason))
		return
	}
	if len(s.Rules) == 0 || s.Coverage == rules.CoverageNone {
		hs.Status, hs.Label, hs.Detail = "unchecked", "not checked yet", printable(s.Note)
		return
	}
	total := 0
	var ruleKinds []string
	for _, id := range s.Rules {
		total += counted[id]
		for _, hf := range byRule[id] {
			if len(hs.Links) < maxStatementLinks {
				hs.Links = append(hs.Links, htmlLink{Anchor: hf.Anchor, Label: hf.ID + " " + hf.Location})
			}
		}
		if rule := idx[id]; rule != nil {
			for _, k := range rule.Kinds {
				if !slices.Contains(ruleKinds, k) {
					ruleKinds = append(ruleKinds, k)
				}
			}
		}
	}
	switch {
	case total > 0:
		hs.Status, hs.Label = "failed", "failed: "+plural(total, "finding")
		hs.More = total - len(hs.Links)
	case !slices.ContainsFunc(ruleKinds, func(k string) bool { return slices.Contains(kinds, k) }):
		slices.Sort(ruleKinds)
		hs.Status, hs.Label = "n/a", "not applicable"
		hs.Detail = "no file its rules judge was scanned (" + strings.Join(ruleKinds, ", ") + ")"
	case s.Coverage == rules.CoveragePartial:
		hs.Status, hs.Label, hs.Detail = "partly", "passed what is checked", printable(s.Note)
	default:
		hs.Status, hs.Label = "passed", "passed"
	}
}
