package installyaml_test

import (
	"os"
	"testing"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/installyaml"
)

// BenchmarkParseDCOSConfig parses a DC/OS Enterprise genconf/config.yaml.
func BenchmarkParseDCOSConfig(b *testing.B) {
	benchParse(b, installyaml.NewDCOS(), "genconf/config.yaml",
		"../../fixtures/stacks/dcos-enterprise-permissive/genconf/config.yaml")
}

// BenchmarkParseFetchMLAPI parses the FetchML guide's production configs/api/prod.yaml.
func BenchmarkParseFetchMLAPI(b *testing.B) {
	benchParse(b, installyaml.NewFetchML(), "configs/api/prod.yaml",
		"../../fixtures/stacks/fetchml-api/configs/api/prod.yaml")
}

func benchParse(b *testing.B, s scanners.Scanner, rel, file string) {
	b.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.Parse(rel, src); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := s.Parse(rel, src); err != nil {
			b.Fatal(err)
		}
	}
}
