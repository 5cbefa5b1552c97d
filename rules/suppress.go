package rules

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/deploylint/deploylint/scanners"
)

// directiveUse tracks whether a directive matched any finding.
type directiveUse struct {
	scanners.Directive
	used bool
}

// covers reports whether a directive applies to a finding of its file: it names the finding's
// rule, or the rule that one was split from.
func (d *directiveUse) covers(cat *Catalogue, f *Finding) bool {
	if !slices.ContainsFunc(d.IDs, func(id string) bool { return cat.Names(id, f.RuleID) }) {
		return false
	}
	line := f.Range.Start.Line
	return d.File || d.Line == line || (d.OwnLine && d.Line == line-1)
}

// FileDirectives are the inline ignores of one scanned file, by its document path.
type FileDirectives struct {
	Path       string
	Directives []scanners.Directive
}

// Suppress marks findings covered by a reasoned inline directive, then reports directives
// that are reason-less, name unknown rules, or matched nothing (META002). Paths are those of
// one scan root: a directive never covers a finding of another root.
func (e *Engine) Suppress(ctx context.Context, files []FileDirectives, findings []Finding) ([]Finding, error) {
	byPath := map[string][]*directiveUse{}
	var order []string
	for _, f := range files {
		if len(f.Directives) == 0 {
			continue
		}
		if _, seen := byPath[f.Path]; seen {
			continue // sibling documents of one file share its directives
		}
		order = append(order, f.Path)
		for _, d := range f.Directives {
			byPath[f.Path] = append(byPath[f.Path], &directiveUse{Directive: d})
		}
	}
	if len(byPath) == 0 {
		return findings, nil
	}
	for i := range findings {
		f := &findings[i]
		for _, d := range byPath[f.Path] {
			if !d.covers(e.Catalogue, f) {
				continue
			}
			d.used = true
			if d.Reason != "" {
				f.Suppressed = &Suppression{Kind: "inline", Justification: d.Reason}
				break
			}
		}
	}
	for _, p := range order {
		doc := e.directiveProblems(p, byPath[p])
		if doc == nil {
			continue
		}
		fs, err := e.Eval(ctx, Input{Doc: doc})
		if err != nil {
			return nil, err
		}
		findings = append(findings, fs...)
	}
	return findings, nil
}

// directiveProblems builds the document META002 judges for one file, or nil when all is well.
func (e *Engine) directiveProblems(path string, ds []*directiveUse) *scanners.Document {
	spans := scanners.Spans{}
	spans.Set(scanners.Span{Key: scanners.LineRange(1, 1, 1), Value: scanners.LineRange(1, 1, 1)})
	var problems []any
	add := func(d *directiveUse, msg string) {
		r := scanners.LineRange(d.Line, 1, 1)
		spans.Set(scanners.Span{Key: r, Value: r, ID: fmt.Sprintf("%d:%s", d.Line, strings.Join(d.IDs, ","))}, "problems", len(problems))
		problems = append(problems, map[string]any{"line": d.Line, "msg": msg})
	}
	for _, d := range ds {
		var unknown []string
		for _, id := range d.IDs {
			if _, ok := e.Catalogue.Lookup(id); !ok {
				unknown = append(unknown, id)
			}
		}
		switch {
		case len(d.IDs) == 0:
			add(d, "deploylint:ignore names no rule: write the rule IDs it suppresses")
		case len(unknown) > 0:
			add(d, unknownRules(e.Catalogue, unknown))
		case d.Reason == "":
			add(d, "deploylint:ignore has no reason: add \"-- why this is acceptable\"; the finding stays reported")
		case !d.used:
			add(d, fmt.Sprintf("deploylint:ignore %s matches no finding: remove the stale directive", strings.Join(d.IDs, ",")))
		}
	}
	if len(problems) == 0 {
		return nil
	}
	return &scanners.Document{Kind: scanners.KindSuppressions, Path: path, Data: map[string]any{"problems": problems}, Spans: spans}
}

// unknownRules says which IDs of a directive name no rule, each with the ID it was most
// likely meant to be when one is close, so a typo is fixed without a trip to the catalogue.
func unknownRules(cat *Catalogue, ids []string) string {
	var b strings.Builder
	b.WriteString("deploylint:ignore names unknown rule")
	if len(ids) > 1 {
		b.WriteString("s")
	}
	unsuggested := false
	for i, id := range ids {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(" " + id)
		if near := cat.Closest(id); near != "" {
			fmt.Fprintf(&b, " (did you mean %s?)", near)
		} else {
			unsuggested = true
		}
	}
	if unsuggested {
		b.WriteString(": see deploylint rules for the IDs")
	}
	return b.String()
}
