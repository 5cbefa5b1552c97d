package traefik_test

import (
	"testing"

	"github.com/deploylint/deploylint/internal/benchparse"
	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/traefik"
)

// BenchmarkParseTraefik parses the traefik.yaml COSMOS ships (about 200 lines: an entrypoint, ten
// routers, middlewares and services in one file).
func BenchmarkParseTraefik(b *testing.B) {
	s := traefik.New()
	benchparse.Run(b, "../../fixtures/stacks/cosmos-default/openc3-traefik/traefik.yaml",
		func(src []byte) (*scanners.Document, error) { return s.Parse("traefik.yaml", src) }, nil)
}
