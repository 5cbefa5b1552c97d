package keyfile_test

import (
	"os"
	"testing"

	"github.com/deploylint/deploylint/scanners/keyfile"
)

// BenchmarkParseKeyfile reads a PEM private key (only its type reaches the document).
func BenchmarkParseKeyfile(b *testing.B) {
	src, err := os.ReadFile("../../fixtures/FS001/bad/tls/site.key")
	if err != nil {
		b.Fatal(err)
	}
	s := keyfile.New()
	doc, err := s.Parse("tls/site.key", src)
	if err != nil {
		b.Fatal(err)
	}
	if doc.Data.(map[string]any)["pem_type"] == "" {
		b.Fatal("no PEM private key found in the fixture")
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := s.Parse("tls/site.key", src); err != nil {
			b.Fatal(err)
		}
	}
}
