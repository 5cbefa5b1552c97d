package nginx_test

import (
	"path/filepath"
	"testing"

	"github.com/deploylint/deploylint/internal/benchparse"
	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/confine"
	"github.com/deploylint/deploylint/scanners/nginx"
)

// BenchmarkParseNginx reads the hardened nginx.conf the way a scan does: through ParseFile,
// which follows its include of conf.d/*.conf inside the stack and computes the effective
// settings of every server. Bytes are the main file's; the included one is parsed on top.
func BenchmarkParseNginx(b *testing.B) {
	root := "../../fixtures/stacks/nginx-hardened"
	p := filepath.Join(root, "nginx.conf")
	t := scanners.Target{Path: p, Rel: "nginx.conf", Root: root, Kind: "nginx"}
	s := nginx.New()
	benchparse.Run(b, p,
		func(src []byte) (*scanners.Document, error) {
			return s.ParseFile(t, src, confine.NewReader(confine.Options{}))
		},
		func(doc *scanners.Document) string {
			if len(doc.Consumed) == 0 {
				return "the include of conf.d/*.conf was not followed"
			}
			return ""
		})
}
