package redisconf_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/confine"
	"github.com/deploylint/deploylint/scanners/redisconf"
	"github.com/deploylint/deploylint/secret"
)

// TestSecretsMarked: requirepass, masterauth and the like, sentinel's auth-pass, the ACL rules
// of user directives and URL passwords are marked where they stand, in included files too.
func TestSecretsMarked(t *testing.T) {
	root := t.TempDir()
	src := "port 6379\n" + // 1
		"requirepass Zx7require\n" + // 2
		"masterauth \"Zx7 master\"\n" + // 3
		"user app on \">Zx7 acl\" #" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" + " ~* +@all\n" + // 4
		"sentinel auth-pass mymaster Zx7sentinel\n" + // 5
		"requirepass \"esc\\x41ped\"\n" + // 6: an escape: the whole argument is marked
		"include extra.conf\n" // 7
	if err := os.WriteFile(filepath.Join(root, "extra.conf"), []byte("tls-key-file-pass Zx7tls\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	doc, err := redisconf.New().ParseFile(scanners.Target{Path: filepath.Join(root, "redis.conf"), Rel: "redis.conf", Root: root}, []byte(src), confine.NewReader(confine.Options{}))
	if err != nil {
		t.Fatal(err)
	}
	want := []secret.Span{
		{Line: 2, Column: 13, EndLine: 2, EndColumn: 23, Value: "Zx7require"},
		{Line: 3, Column: 13, EndLine: 3, EndColumn: 23, Value: "Zx7 master"},
		{Line: 4, Column: 15, EndLine: 4, EndColumn: 22, Value: "Zx7 acl"},
		{Line: 4, Column: 25, EndLine: 4, EndColumn: 89, Value: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"},
		{Line: 5, Column: 29, EndLine: 5, EndColumn: 40, Value: "Zx7sentinel"},
		{Line: 6, Column: 14, EndLine: 6, EndColumn: 24, Value: "escAped"},
		{Path: "extra.conf", Line: 1, Column: 19, EndLine: 1, EndColumn: 25, Value: "Zx7tls"},
	}
	if !reflect.DeepEqual(doc.Secrets, want) {
		t.Errorf("Secrets\n got %+v\nwant %+v", doc.Secrets, want)
	}
}
