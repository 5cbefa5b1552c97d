package nginx_test

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/confine"
	"github.com/deploylint/deploylint/scanners/nginx"
	"github.com/deploylint/deploylint/secret"
)

// TestSecretsMarked: auth headers, secret parameters and variables, and URL passwords are
// marked where they are written, in included files too; a header passed on from the client
// ($http_authorization) is no secret.
func TestSecretsMarked(t *testing.T) {
	root := t.TempDir()
	src := "http {\n" + // 1
		"  server {\n" + // 2
		"    proxy_set_header Authorization \"Basic Zx7basic\";\n" + // 3
		"    proxy_set_header Authorization $http_authorization;\n" + // 4
		"    add_header X-Api-Key Zx7key;\n" + // 5
		"    set $api_token 'Zx7token';\n" + // 6
		"    location / { proxy_pass http://u:Zx7/url@app:8080; }\n" + // 7
		"    more_set_headers \"Authorization: Bearer Zx7bearer\";\n" + // 8
		"    include extra.conf;\n" + // 9
		"  }\n}\n"
	if err := os.WriteFile(filepath.Join(root, "extra.conf"), []byte("fastcgi_param DB_PASSWORD Zx7param;\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	doc, err := nginx.New().ParseFile(scanners.Target{Path: filepath.Join(root, "nginx.conf"), Rel: "nginx.conf", Root: root}, []byte(src), confine.NewReader(confine.Options{}))
	if err != nil {
		t.Fatal(err)
	}
	want := []secret.Span{
		{Line: 3, Column: 37, EndLine: 3, EndColumn: 51, Value: "Basic Zx7basic"},
		{Line: 5, Column: 26, EndLine: 5, EndColumn: 32, Value: "Zx7key"},
		{Line: 6, Column: 21, EndLine: 6, EndColumn: 29, Value: "Zx7token"},
		{Line: 7, Column: 38, EndLine: 7, EndColumn: 45, Value: "Zx7/url"},
		{Line: 8, Column: 38, EndLine: 8, EndColumn: 54, Value: "Bearer Zx7bearer"},
		{Path: "extra.conf", Line: 1, Column: 27, EndLine: 1, EndColumn: 35, Value: "Zx7param"},
	}
	got := append([]secret.Span{}, doc.Secrets...)
	sort.Slice(got, func(i, j int) bool {
		if got[i].Path != got[j].Path {
			return got[i].Path < got[j].Path
		}
		return got[i].Line < got[j].Line
	})
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Secrets\n got %+v\nwant %+v", got, want)
	}
}
