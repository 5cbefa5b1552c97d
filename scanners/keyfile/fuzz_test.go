package keyfile_test

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/internal/fuzzcheck"

	"github.com/deploylint/deploylint/scanners/keyfile"
)

func FuzzKeyfile(f *testing.F) {
	isKey := func(p string) bool {
		b := strings.ToLower(filepath.Base(p))
		return strings.HasSuffix(b, ".key") || strings.HasSuffix(b, ".pem")
	}
	for _, b := range fuzzcheck.SeedFiles(f, "../../fixtures", isKey) {
		f.Add(b)
	}
	for _, s := range []string{
		"",
		"\x00",
		"-----BEGIN PRIVATE KEY-----",
		"-----BEGIN  PRIVATE KEY-----\n",
		"-----BEGIN RSA PRIVATE KEY-----\r\nMIIE\xff\xfe\r\n-----END RSA PRIVATE KEY-----\r\n",
		"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n-----BEGIN EC PRIVATE KEY-----\nx\n",
		"-----BEGIN " + strings.Repeat("A", 10000) + " PRIVATE KEY-----",
		strings.Repeat("-----BEGIN ", 800),
	} {
		f.Add([]byte(s))
	}
	sc := keyfile.New()
	// Only the PEM type may reach the data: never a byte of the key.
	pemType := regexp.MustCompile(`^([A-Z0-9 ]*PRIVATE KEY)?$`)
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > fuzzcheck.MaxInput {
			return
		}
		doc, err := sc.Parse("site.key", src)
		if err != nil {
			t.Fatalf("Parse returned an error: %v", err)
		}
		again, _ := sc.Parse("site.key", src)
		if !fuzzcheck.Same(doc.Data, again.Data) || !fuzzcheck.Same(doc.Spans, again.Spans) {
			t.Fatal("two parses of the same bytes differ")
		}
		fuzzcheck.Spans(t, doc.Spans, fuzzcheck.Lines(src)+1)
		data := doc.Data.(map[string]any)
		if len(data) != 1 || !pemType.MatchString(data["pem_type"].(string)) {
			t.Fatalf("data %q holds more than the PEM type", data)
		}
		if sc.Sniff(src) != (data["pem_type"] != "") {
			t.Fatalf("Sniff and Parse disagree on %q", data["pem_type"])
		}
	})
}
