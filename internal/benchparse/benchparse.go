// Package benchparse runs every parser's benchmark the same way: the file read once, a first
// parse checked so a broken fixture cannot pass as fast, then the timed loop. Only benchmarks
// import it.
package benchparse

import (
	"os"
	"testing"

	"github.com/deploylint/deploylint/scanners"
)

// Run benchmarks parse on the bytes of the file at path. check, when set, returns why the first
// parse's document does not show what the benchmark claims to measure ("" when it does).
func Run(b *testing.B, path string, parse func(src []byte) (*scanners.Document, error), check func(*scanners.Document) string) {
	b.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	doc, err := parse(src)
	if err != nil {
		b.Fatal(err)
	}
	if check != nil {
		if msg := check(doc); msg != "" {
			b.Fatal(msg)
		}
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := parse(src); err != nil {
			b.Fatal(err)
		}
	}
}
