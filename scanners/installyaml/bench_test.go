package installyaml_test

import (
	"testing"

	"github.com/deploylint/deploylint/internal/benchparse"
	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/installyaml"
)

// BenchmarkParseDCOSConfig parses a DC/OS Enterprise genconf/config.yaml.
func BenchmarkParseDCOSConfig(b *testing.B) {
	s := installyaml.NewDCOS()
	benchparse.Run(b, "../../fixtures/stacks/dcos-enterprise-permissive/genconf/config.yaml",
		func(src []byte) (*scanners.Document, error) { return s.Parse("genconf/config.yaml", src) }, nil)
}

// BenchmarkParseFetchMLAPI parses the FetchML guide's production configs/api/prod.yaml.
func BenchmarkParseFetchMLAPI(b *testing.B) {
	s := installyaml.NewFetchML()
	benchparse.Run(b, "../../fixtures/stacks/fetchml-api/configs/api/prod.yaml",
		func(src []byte) (*scanners.Document, error) { return s.Parse("configs/api/prod.yaml", src) }, nil)
}
