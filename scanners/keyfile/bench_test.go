package keyfile_test

import (
	"testing"

	"github.com/deploylint/deploylint/internal/benchparse"
	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/keyfile"
)

// BenchmarkParseKeyfile reads a PEM private key (only its type reaches the document).
func BenchmarkParseKeyfile(b *testing.B) {
	s := keyfile.New()
	benchparse.Run(b, "../../fixtures/FS001/bad/tls/site.key",
		func(src []byte) (*scanners.Document, error) { return s.Parse("tls/site.key", src) },
		func(doc *scanners.Document) string {
			if doc.Data.(map[string]any)["pem_type"] == "" {
				return "no PEM private key found in the fixture"
			}
			return ""
		})
}
