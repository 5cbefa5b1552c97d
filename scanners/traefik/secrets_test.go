package traefik_test

import (
	"reflect"
	"testing"

	"github.com/deploylint/deploylint/scanners/traefik"
	"github.com/deploylint/deploylint/secret"
)

func TestSecretsMarked(t *testing.T) {
	src := "http:\n" + // 1
		"  middlewares:\n" + // 2
		"    auth:\n" + // 3
		"      basicAuth:\n" + // 4
		"        users:\n" + // 5
		"          - \"admin:$apr1$Zx7salt$Zx7hash\"\n" + // 6
		"          - bob:Zx7cleartext\n" + // 7: Traefik wants a hash; a cleartext one is still secret
		"        usersFile: /etc/traefik/users\n" + // 8
		"pilot:\n" + // 9
		"  token: Zx7pilot\n" // 10
	doc, err := traefik.New().Parse("traefik.yml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []secret.Span{
		{Line: 6, Column: 20, EndLine: 6, EndColumn: 41, Value: "$apr1$Zx7salt$Zx7hash"},
		{Line: 6, Column: 20, EndLine: 6, EndColumn: 41, Value: "$apr1$Zx7salt$Zx7hash"},
		{Line: 7, Column: 17, EndLine: 7, EndColumn: 29, Value: "Zx7cleartext"},
		{Line: 10, Column: 10, EndLine: 10, EndColumn: 18, Value: "Zx7pilot"},
	}
	if !reflect.DeepEqual(doc.Secrets, want) {
		t.Errorf("Secrets\n got %+v\nwant %+v", doc.Secrets, want)
	}
}
