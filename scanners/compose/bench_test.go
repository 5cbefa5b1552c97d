package compose_test

import (
	"path/filepath"
	"testing"

	"github.com/deploylint/deploylint/internal/benchparse"
	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/compose"
	"github.com/deploylint/deploylint/scanners/confine"
)

// BenchmarkParseCompose loads the COSMOS compose file (nine services, about 330 lines) the way a
// scan does: through ParseFile, which also reads and interpolates the .env beside it and loads
// the project through compose-go. Bytes are the compose file's; the .env (4.5 kB) is read on top.
func BenchmarkParseCompose(b *testing.B) {
	root := "../../fixtures/stacks/cosmos-default"
	p := filepath.Join(root, "compose.yaml")
	t := scanners.Target{Path: p, Rel: "compose.yaml", Root: root, Kind: "compose"}
	s := compose.New()
	benchparse.Run(b, p,
		func(src []byte) (*scanners.Document, error) {
			return s.ParseFile(t, src, confine.NewReader(confine.Options{}))
		},
		func(doc *scanners.Document) string {
			if services, _ := doc.Data.(map[string]any)["services"].(map[string]any); len(services) == 0 {
				return "the fixture loaded with no services"
			}
			return ""
		})
}
