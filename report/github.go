package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scanners"
)

// githubWriter prints one GitHub Actions workflow command per unsuppressed finding, which the
// runner turns into an annotation on the file and line of the pull request:
//
//	::error file=.env,line=52,col=23,endLine=52,endColumn=36,title=ENV001::message%0Afix: remediation
//
// Critical and high findings are errors, medium and low warnings, info notices. Nothing else is
// printed, so the output can go straight to the job log.
type githubWriter struct{}

func (githubWriter) Write(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	idx := ruleIndex(r.Rules)
	for _, f := range r.Findings {
		if f.Suppressed != nil {
			continue
		}
		msg := printable(f.Message)
		if rule, ok := idx[f.RuleID]; ok && rule.Remediation != "" {
			msg += "\nfix: " + printable(rule.Remediation)
		}
		fmt.Fprintf(bw, "::%s %s::%s\n", githubCommand(f.Severity), githubProperties(f), githubEscapeData(msg))
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write github annotations: %w", err)
	}
	return nil
}

func githubCommand(s rules.Severity) string {
	switch s {
	case rules.Critical, rules.High:
		return "error"
	case rules.Medium, rules.Low:
		return "warning"
	default:
		return "notice"
	}
}

// githubProperties places the annotation. Our ranges end one past the last column; GitHub's
// endColumn is the last column itself. GitHub accepts columns only on a one-line annotation,
// and a position only when it has a line.
func githubProperties(f rules.Finding) string {
	props := []string{"file=" + githubEscapeProperty(printable(f.Path))}
	props = append(props, githubPosition(f.Range)...)
	props = append(props, "title="+githubEscapeProperty(printable(f.RuleID)))
	return strings.Join(props, ",")
}

func githubPosition(rg scanners.Range) []string {
	start, end := rg.Start, rg.End
	if start.Line < 1 {
		return nil
	}
	props := []string{fmt.Sprintf("line=%d", start.Line)}
	oneLine := end.Line <= start.Line
	if oneLine && start.Column >= 1 {
		props = append(props, fmt.Sprintf("col=%d", start.Column))
	}
	if end.Line > start.Line {
		props = append(props, fmt.Sprintf("endLine=%d", end.Line))
	} else {
		props = append(props, fmt.Sprintf("endLine=%d", start.Line))
	}
	if oneLine && start.Column >= 1 && end.Line == start.Line && end.Column-1 >= start.Column {
		props = append(props, fmt.Sprintf("endColumn=%d", end.Column-1))
	}
	return props
}

// githubEscapeData escapes a command's message the way the runner unescapes it
// (actions/toolkit's escapeData): '%' first, so the other escapes are not doubled.
func githubEscapeData(s string) string {
	s = strings.ReplaceAll(s, "%", "%25")
	s = strings.ReplaceAll(s, "\r", "%0D")
	return strings.ReplaceAll(s, "\n", "%0A")
}

// githubEscapeProperty additionally escapes ':' and ',', which end a property.
func githubEscapeProperty(s string) string {
	s = githubEscapeData(s)
	s = strings.ReplaceAll(s, ":", "%3A")
	return strings.ReplaceAll(s, ",", "%2C")
}
