package installyaml_test

import (
	"reflect"
	"testing"

	"github.com/deploylint/deploylint/scanners/installyaml"
	"github.com/deploylint/deploylint/secret"
)

func TestDCOSSecretsMarked(t *testing.T) {
	src := "security: strict\n" + // 1
		"superuser_username: admin\n" + // 2
		"superuser_password_hash: '$6$rounds=656000$Zx7salt$Zx7hash'\n" + // 3
		"superuser_password: Zx7clear\n" + // 4
		"zk_super_credentials: super:Zx7zookeeper\n" + // 5
		"customer_key: 12345678-Zx7c\n" + // 6
		"aws_secret_access_key: Zx7aws\n" + // 7
		"oauth_enabled: 'false'\n" // 8
	doc, err := installyaml.NewDCOS().Parse("genconf/config.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []secret.Span{
		{Line: 7, Column: 24, EndLine: 7, EndColumn: 30, Value: "Zx7aws"},
		{Line: 6, Column: 15, EndLine: 6, EndColumn: 28, Value: "12345678-Zx7c"},
		{Line: 4, Column: 21, EndLine: 4, EndColumn: 29, Value: "Zx7clear"},
		{Line: 3, Column: 27, EndLine: 3, EndColumn: 59, Value: "$6$rounds=656000$Zx7salt$Zx7hash"},
		{Line: 5, Column: 23, EndLine: 5, EndColumn: 41, Value: "super:Zx7zookeeper"},
	}
	if !reflect.DeepEqual(doc.Secrets, want) {
		t.Errorf("Secrets\n got %+v\nwant %+v", doc.Secrets, want)
	}
}

func TestFetchMLSecretsMarked(t *testing.T) {
	src := "auth:\n" + // 1
		"  enabled: true\n" + // 2
		"  api_keys:\n" + // 3
		"    alice: Zx7rawkey\n" + // 4
		"    bob:\n" + // 5
		"      hash: \"Zx7hash\"\n" + // 6
		"      admin: true\n" + // 7
		"    carol: CHANGE_ME_carol\n" + // 8: a placeholder the rule names
		"redis:\n" + // 9
		"  password: Zx7redis\n" + // 10
		"  url: redis://:Zx7url@redis:6379\n" // 11
	doc, err := installyaml.NewFetchML().Parse("configs/api/prod.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []secret.Span{
		{Line: 4, Column: 12, EndLine: 4, EndColumn: 21, Value: "Zx7rawkey"},
		{Line: 6, Column: 14, EndLine: 6, EndColumn: 21, Value: "Zx7hash"},
		{Line: 10, Column: 13, EndLine: 10, EndColumn: 21, Value: "Zx7redis"},
		{Line: 11, Column: 17, EndLine: 11, EndColumn: 23, Value: "Zx7url"},
	}
	if !reflect.DeepEqual(doc.Secrets, want) {
		t.Errorf("Secrets\n got %+v\nwant %+v", doc.Secrets, want)
	}
}
