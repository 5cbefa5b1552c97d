package report_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/report"
)

// TestHTMLCompliance: the auditor's view of the COSMOS demo stack checks every statement of
// every guide. A statement whose rules found something is failed and links to findings on the
// page; one whose rules judge no kind the scan met (the DC/OS installer's) is not applicable, never
// passed; one no file can show says so; the most urgent fixes lead with the worst severity.
func TestHTMLCompliance(t *testing.T) {
	r := scanReport(t, "../fixtures/stacks/cosmos-default")
	page := string(write(t, "html", report.Options{}, r))

	rows := regexp.MustCompile(`data-statement="([^"]+)" data-status="([^"]+)"`).FindAllStringSubmatch(page, -1)
	total := 0
	for _, g := range r.Guides.Guides {
		total += len(g.Statements)
	}
	if len(rows) != total || total == 0 {
		t.Fatalf("%d statement rows, the guide map has %d statements", len(rows), total)
	}
	status := map[string]string{}
	for _, m := range rows {
		status[m[1]] = m[2]
	}
	byGuide := map[string]map[string]int{}
	for _, g := range r.Guides.Guides {
		byGuide[g.Slug] = map[string]int{}
		for _, s := range g.Statements {
			byGuide[g.Slug][status[s.ID]]++
			if !s.Static() && status[s.ID] != "manual" {
				t.Errorf("%s is not checkable in a file, yet its status is %q", s.ID, status[s.ID])
			}
		}
	}
	if byGuide["cosmos"]["failed"] == 0 {
		t.Errorf("the shipped COSMOS stack fails no COSMOS statement: %v", byGuide["cosmos"])
	}
	for _, slug := range []string{"dcos-enterprise", "dcos"} {
		if c, ok := byGuide[slug]; ok && (c["failed"] > 0 || c["passed"] > 0) {
			t.Errorf("a COSMOS stack passes or fails statements of %s: %v", slug, c)
		}
	}
	// Every link from a statement or an urgent fix names a finding on the page.
	for _, m := range regexp.MustCompile(`href="#(finding-\d+)"`).FindAllStringSubmatch(page, -1) {
		if !strings.Contains(page, `id="`+m[1]+`"`) {
			t.Errorf("a link to #%s, which the page does not hold", m[1])
		}
	}
	_, urgent, ok := strings.Cut(page, `<ol class="urgent">`)
	urgent, _, _ = strings.Cut(urgent, "</ol>")
	first, _, _ := strings.Cut(urgent, "</li>")
	if !ok || strings.Count(urgent, "<li>") != 3 || !strings.Contains(first, "sev-critical") {
		t.Errorf("the most urgent fixes do not start with a critical finding:\n%s", urgent)
	}
	if !strings.Contains(page, "<dt>Scope</dt>") || !strings.Contains(page, "@media print") {
		t.Error("no scope, or no print stylesheet")
	}
}
