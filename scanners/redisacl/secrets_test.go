package redisacl_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/scanners/redisacl"
	"github.com/deploylint/deploylint/secret"
)

// TestSecretsMarked: every password and hash of a user line is marked where it stands, and so
// is a word Redis refuses (a password written without its ">"), and the rules of a line Redis
// refuses because it is commented out.
func TestSecretsMarked(t *testing.T) {
	hash := strings.Repeat("ab", 32)
	src := "user default off\n" + // 1
		"user bob on >Zx7clear <Zx7old #" + hash + " ~* +@all\n" + // 2
		"user eve on !" + hash + " > Zx7bare (~app:* +get)\n" + // 3: ">" alone is the empty password
		"  #user admin on>Zx7commented ~*\n" // 4
	doc, err := redisacl.New().Parse("users.acl", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []secret.Span{
		{Line: 2, Column: 14, EndLine: 2, EndColumn: 22, Value: "Zx7clear"},
		{Line: 2, Column: 24, EndLine: 2, EndColumn: 30, Value: "Zx7old"},
		{Line: 2, Column: 32, EndLine: 2, EndColumn: 96, Value: hash},
		{Line: 3, Column: 14, EndLine: 3, EndColumn: 78, Value: hash},
		{Line: 3, Column: 81, EndLine: 3, EndColumn: 88, Value: "Zx7bare"},
		{Line: 4, Column: 18, EndLine: 4, EndColumn: 30, Value: "Zx7commented"},
	}
	if !reflect.DeepEqual(doc.Secrets, want) {
		t.Errorf("Secrets\n got %+v\nwant %+v", doc.Secrets, want)
	}
}
