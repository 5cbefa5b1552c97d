package traefik_test

import (
	"os"
	"testing"

	"github.com/deploylint/deploylint/scanners/traefik"
)

// BenchmarkParseTraefik parses the traefik.yaml COSMOS ships (about 200 lines: an entrypoint, ten
// routers, middlewares and services in one file).
func BenchmarkParseTraefik(b *testing.B) {
	src := benchRead(b, "../../fixtures/stacks/cosmos-default/openc3-traefik/traefik.yaml")
	s := traefik.New()
	if _, err := s.Parse("traefik.yaml", src); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := s.Parse("traefik.yaml", src); err != nil {
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
