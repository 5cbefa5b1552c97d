package dotenv_test

import (
	"os"
	"testing"

	"github.com/deploylint/deploylint/scanners/dotenv"
)

// BenchmarkParseDotenv parses the hardened COSMOS .env (about 110 lines, strong values; the older
// BenchmarkParse in parser_test.go parses the shipped-defaults copy).
func BenchmarkParseDotenv(b *testing.B) {
	src := benchRead(b, "../../fixtures/stacks/cosmos-hardened/.env")
	s := dotenv.New()
	if _, err := s.Parse(".env", src); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := s.Parse(".env", src); err != nil {
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
