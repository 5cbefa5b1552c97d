package report_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/report"
	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/secret"
)

// largeReport is the fixed report with n more findings, each quoting the secret of its line.
func largeReport(n int) (*report.Report, []string) {
	r := fixedReport()
	var spans []secret.Span
	var values []string
	for i := range n {
		v := fmt.Sprintf("Zq9-secret-%06d", i)
		values = append(values, v)
		spans = append(spans, secret.Span{Path: "big.acl", Line: i + 1, Column: 1, EndLine: i + 1, EndColumn: 1 + len(v), Value: v})
		r.Findings = append(r.Findings, rules.Finding{
			RuleID: "ACL001", Severity: rules.High, Message: fmt.Sprintf("user u%d has the password %s <&>", i, v),
			Path: "big.acl", Range: scanners.LineRange(i+1, 1, 20), Fingerprint: fmt.Sprintf("%032x", i),
		})
	}
	r.Redactor = secret.NewRedactor(secret.Options{Secrets: spans})
	return r, values
}

// TestLargeJSONAsOneEncoding: a report of enough findings to be encoded in parts is byte for
// byte what one encoding of the whole report gives, and masks every secret of every part.
func TestLargeJSONAsOneEncoding(t *testing.T) {
	r, values := largeReport(2*8192 + 5003) // three windows of spliceList, the last a part short
	got := write(t, "json", report.Options{}, r)
	for _, v := range values {
		if bytes.Contains(got, []byte(v)) {
			t.Fatalf("the report shows the secret %s", v)
		}
	}
	// The reference: the whole report decoded and encoded again in one piece.
	var whole any
	if err := json.Unmarshal(got, &whole); err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(orderedLike(t, got)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Fatalf("the report in parts differs from one encoding:\n%s", firstDifference(got, want.Bytes()))
	}
	if n := len(whole.(map[string]any)["findings"].([]any)); n != len(r.Findings) {
		t.Errorf("%d findings written, want %d", n, len(r.Findings))
	}
}

// orderedLike decodes a JSON text keeping each object's key order, so that encoding it again
// gives the text when it was encoded in one piece.
func orderedLike(t *testing.T, b []byte) json.RawMessage {
	t.Helper()
	var compact bytes.Buffer
	if err := json.Compact(&compact, b); err != nil {
		t.Fatal(err)
	}
	return compact.Bytes()
}

func firstDifference(a, b []byte) string {
	n := min(len(a), len(b))
	for i := range n {
		if a[i] != b[i] {
			from := max(0, i-80)
			return fmt.Sprintf("at byte %d:\n got %q\nwant %q", i, a[from:min(len(a), i+80)], b[from:min(len(b), i+80)])
		}
	}
	return fmt.Sprintf("lengths %d and %d", len(a), len(b))
}

// TestLargeTextMasked: every format masks the messages of a report masked in parts.
func TestLargeTextMasked(t *testing.T) {
	r, values := largeReport(4200)
	for _, format := range []string{"text", "sarif", "html"} {
		got := string(write(t, format, report.Options{}, r))
		for _, v := range []string{values[0], values[len(values)/2], values[len(values)-1]} {
			if strings.Contains(got, v) {
				t.Errorf("%s shows the secret %s", format, v)
			}
		}
		last := len(values) - 1
		if format == "html" {
			last = 99 // the page shows the first 100 of a rule in a file, and counts the rest
		}
		if !strings.Contains(got, fmt.Sprintf("user u%d has the password", last)) {
			t.Errorf("%s lost finding %d", format, last)
		}
	}
}

// TestHTMLCountsWhatItLeavesOut: the page shows the first 100 findings of a rule in a file and
// says how many more there are; the file's heading and the summary count them all.
func TestHTMLCountsWhatItLeavesOut(t *testing.T) {
	r, _ := largeReport(250)
	got := string(write(t, "html", report.Options{}, r))
	if n := strings.Count(got, `<article class="finding" data-rule="ACL001" data-severity="high" data-path="big.acl"`); n != 100 {
		t.Errorf("%d findings of big.acl shown, want 100", n)
	}
	for _, want := range []string{
		"150 more ACL001 findings in this file",
		`big.acl <span class="n">(250)</span>`,
		fmt.Sprintf("user u%d has the password", 99),
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if strings.Contains(got, fmt.Sprintf("user u%d has the password", 100)) {
		t.Error("the page shows a 101st finding of the rule")
	}
}

// TestLargeSARIFAsOneEncoding: SARIF of enough results to be encoded in parts is what one
// indentation of the whole log gives, with no null anywhere (the multitool skips such a file),
// a suppressed result's included.
func TestLargeSARIFAsOneEncoding(t *testing.T) {
	r, _ := largeReport(4500)
	r.Findings[len(r.Findings)-1].Suppressed = &rules.Suppression{Kind: "baseline"}
	got := write(t, "sarif", report.Options{}, r)
	var compact, want bytes.Buffer
	if err := json.Compact(&compact, got); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if err := json.Indent(&want, compact.Bytes(), "", "  "); err != nil {
		t.Fatal(err)
	}
	want.WriteByte('\n')
	if !bytes.Equal(got, want.Bytes()) {
		t.Fatalf("the log in parts differs from one indentation:\n%s", firstDifference(got, want.Bytes()))
	}
	if bytes.Contains(compact.Bytes(), []byte(":null")) {
		t.Error("the log holds a null")
	}
	var log struct {
		Runs []struct {
			Results []json.RawMessage `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(got, &log); err != nil {
		t.Fatal(err)
	}
	if n := len(log.Runs[0].Results); n != len(r.Findings) {
		t.Errorf("%d results, want %d", n, len(r.Findings))
	}
}
