package dotenv_test

import (
	"testing"

	"github.com/deploylint/deploylint/internal/benchparse"
	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/dotenv"
)

// BenchmarkParseDotenv parses the hardened COSMOS .env (about 110 lines, strong values; the older
// BenchmarkParse in parser_test.go parses the shipped-defaults copy).
func BenchmarkParseDotenv(b *testing.B) {
	s := dotenv.New()
	benchparse.Run(b, "../../fixtures/stacks/cosmos-hardened/.env",
		func(src []byte) (*scanners.Document, error) { return s.Parse(".env", src) }, nil)
}
