package dotenv_test

import (
	"reflect"
	"testing"

	"github.com/deploylint/deploylint/scanners/dotenv"
	"github.com/deploylint/deploylint/secret"
)

// TestSecretsMarked: the parser marks every secret value where it is written, without quotes,
// and leaves what holds none.
func TestSecretsMarked(t *testing.T) {
	src := "OPENC3_REDIS_USERNAME=openc3\n" + // 1: not a secret
		"OPENC3_REDIS_PASSWORD=Zx7redis # rotate\n" + // 2
		"export  API_TOKEN=\"Zx7 token\"\n" + // 3
		"SECRET_KEY_BASE='Zx7$base'\n" + // 4: single quotes: no interpolation
		"PRIVATE_KEY=\"-----BEGIN\n" + // 5
		"Zx7body\"\n" + // 6
		"REDIS_PASSWORD=${OPENC3_REDIS_PASSWORD}\n" + // 7: a reference
		"DB_PASSWORD=${DB_PW:-Zx7fallback}\n" + // 8: a literal fallback
		"CACHE_URL=redis://u:Zx7/url+pw@cache:6379\n" + // 9: a URL password holding "/"
		"REDIS_ARGS=--requirepass Zx7arg --port 1\n" + // 10
		"OAUTH_ENABLED=false\n" + // 11
		"EMPTY_PASSWORD=\n" // 12
	doc, err := dotenv.New().Parse(".env", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []secret.Span{
		{Line: 2, Column: 23, EndLine: 2, EndColumn: 31, Value: "Zx7redis"},
		{Line: 3, Column: 20, EndLine: 3, EndColumn: 29, Value: "Zx7 token"},
		{Line: 4, Column: 18, EndLine: 4, EndColumn: 26, Value: "Zx7$base"},
		{Line: 5, Column: 14, EndLine: 6, EndColumn: 8, Value: "-----BEGIN\nZx7body"},
		{Line: 8, Column: 13, EndLine: 8, EndColumn: 34, Value: "Zx7fallback"},
		{Line: 9, Column: 21, EndLine: 9, EndColumn: 31, Value: "Zx7/url+pw"},
		{Line: 10, Column: 26, EndLine: 10, EndColumn: 32, Value: "Zx7arg"},
	}
	if !reflect.DeepEqual(doc.Secrets, want) {
		t.Errorf("Secrets\n got %+v\nwant %+v", doc.Secrets, want)
	}
}
