package compose_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/compose"
)

// BenchmarkParseCompose loads the COSMOS compose file (nine services, about 330 lines) the way a scan
// does: through ParseFile, which also reads and interpolates the .env beside it and loads the
// project through compose-go. Bytes are the compose file's; the .env (4.5 kB) is read on top.
func BenchmarkParseCompose(b *testing.B) {
	root := "../../fixtures/stacks/cosmos-default"
	p := filepath.Join(root, "compose.yaml")
	src := benchRead(b, p)
	t := scanners.Target{Path: p, Rel: "compose.yaml", Root: root, Kind: "compose"}
	s := compose.New()
	doc, err := s.ParseFile(t, src)
	if err != nil {
		b.Fatal(err)
	}
	if services, _ := doc.Data.(map[string]any)["services"].(map[string]any); len(services) == 0 {
		b.Fatal("the fixture loaded with no services")
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := s.ParseFile(t, src); err != nil {
			b.Fatal(err)
		}
	}
}

func benchRead(b *testing.B, p string) []byte {
	b.Helper()
	src, err := os.ReadFile(p)
	if err != nil {
		b.Fatal(err)
	}
	return src
}
