package nginx_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/nginx"
)

// BenchmarkParseNginx reads the hardened nginx.conf the way a scan does: through ParseFile,
// which follows its include of conf.d/*.conf inside the stack and computes the effective
// settings of every server. Bytes are both files', as both are parsed on every call.
func BenchmarkParseNginx(b *testing.B) {
	root := "../../fixtures/stacks/nginx-hardened"
	p := filepath.Join(root, "nginx.conf")
	src := benchRead(b, p)
	included := benchRead(b, filepath.Join(root, "conf.d", "app.conf"))
	t := scanners.Target{Path: p, Rel: "nginx.conf", Root: root, Kind: "nginx"}
	s := nginx.New()
	doc, err := s.ParseFile(t, src)
	if err != nil {
		b.Fatal(err)
	}
	if len(doc.Consumed) == 0 {
		b.Fatal("the include of conf.d/*.conf was not followed")
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(src) + len(included)))
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
