package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/deploylint/deploylint/report"
	"github.com/deploylint/deploylint/rules"
)

// output is one report a scan writes: a format and where to (path "" is standard output).
type output struct {
	format, path string
}

// parseOutputs reads --format and every --output: a plain PATH takes the --format report off
// standard output; FORMAT=PATH adds a report in that format, so one scan (one evaluation, one
// set of findings) can feed SARIF, a summary and the log at once. The --format report is first.
func parseOutputs(format string, vals []string) ([]output, error) {
	outs := []output{{format: format}}
	known := report.Formats()
	seen := map[string]bool{}
	for _, v := range vals {
		o, plain := output{format: format, path: v}, true
		if f, p, ok := strings.Cut(v, "="); ok && slices.Contains(known, f) {
			o, plain = output{format: f, path: p}, false
		}
		if o.path == "" {
			return nil, fmt.Errorf("--output %q: want PATH or FORMAT=PATH", v)
		}
		if seen[o.path] {
			return nil, fmt.Errorf("--output %q: %s is already an output", v, o.path)
		}
		seen[o.path] = true
		if plain {
			if outs[0].path != "" {
				return nil, fmt.Errorf("--output %q: the --format report already goes to %s (use FORMAT=PATH for more)", v, outs[0].path)
			}
			outs[0].path = o.path
			continue
		}
		outs = append(outs, o)
	}
	return outs, nil
}

// writer builds the output's writer; only standard output may be coloured. limit > 0 caps the
// github format's annotations per level (--annotation-limit).
func (o output) writer(opt report.Options, limit int) (report.Writer, error) {
	opt.Color = opt.Color && o.path == ""
	w, err := report.New(o.format, opt)
	if err != nil {
		return nil, err
	}
	if o.format == "github" && limit > 0 {
		w = annotationCap{w: w, perLevel: limit}
	}
	return w, nil
}

// annotationCap gives the github writer the most severe findings first, no more of each level
// than perLevel, and says how many were left out. GitHub shows 10 annotations of each level
// (error, warning, notice) per step and drops the rest silently, so the Action asks for 10:
// its job summary and SARIF report carry the rest.
type annotationCap struct {
	w        report.Writer
	perLevel int
}

func (c annotationCap) Write(w io.Writer, r *report.Report) error {
	fs := make([]rules.Finding, 0, len(r.Findings))
	for _, f := range r.Findings {
		if f.Suppressed == nil {
			fs = append(fs, f)
		}
	}
	// Stable: within one severity the driver's order (path, line) stays.
	slices.SortStableFunc(fs, func(a, b rules.Finding) int { return int(b.Severity) - int(a.Severity) })
	perLevel := map[string]int{}
	kept := fs[:0]
	for _, f := range fs {
		lvl := annotationLevel(f.Severity)
		if perLevel[lvl] < c.perLevel {
			perLevel[lvl]++
			kept = append(kept, f)
		}
	}
	left := len(fs) - len(kept)
	c2 := *r
	c2.Findings = kept
	if err := c.w.Write(w, &c2); err != nil {
		return err
	}
	if left > 0 {
		if _, err := fmt.Fprintf(w, "deploylint: %d more findings are not annotated (at most %d of each level, most severe first); the job summary and the SARIF report list all %d.\n",
			left, c.perLevel, len(fs)); err != nil {
			return fmt.Errorf("write github annotations: %w", err)
		}
	}
	return nil
}

// annotationLevel is the workflow command the github writer uses for a severity, which is
// what GitHub counts its limit by.
func annotationLevel(s rules.Severity) string {
	switch {
	case s >= rules.High:
		return "error"
	case s >= rules.Low:
		return "warning"
	default:
		return "notice"
	}
}
