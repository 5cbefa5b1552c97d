package yamldoc_test

import (
	"reflect"
	"testing"

	"github.com/deploylint/deploylint/scanners/yamldoc"
	"github.com/deploylint/deploylint/secret"
)

// TestSecretsMarked: secret scalars are marked where they are written, in byte columns, in
// every YAML form a value takes.
func TestSecretsMarked(t *testing.T) {
	src := "db_password: Zx7plain # c\n" + // 1
		"api_token: \"Zx7 quoted\"\n" + // 2
		"auth_token: \"Zx7\\tesc\"\n" + // 3: an escape: the whole quoted text
		"private_key: |\n" + // 4
		"  Zx7block1\n" + // 5
		"  Zx7block2\n" + // 6
		"passwords: [Zx7one, 'Zx7two']\n" + // 7
		"pin_secret: 1234\n" + // 8
		"é_secret: Zx7ü\n" + // 9: characters before the value
		"base: &b {client_secret: Zx7anchor}\n" + // 10
		"merged: {<<: *b}\n" + // 11: merged in
		"url: redis://u:Zx7/url@h\n" + // 12
		"enabled_token: true\n" + // 13: a switch
		"ref_password: ${REDIS_PASSWORD}\n" + // 14: a reference
		"custom: Zx7extra\n" // 15: the scanner's own rule
	data, spans, err := yamldoc.Decode("x.yaml", []byte(src), yamldoc.Options{})
	if err != nil {
		t.Fatal(err)
	}
	extra := func(path []any, v string) []secret.Found {
		if len(path) == 1 && path[0] == "custom" {
			return []secret.Found{{Start: 3, End: len(v)}}
		}
		return nil
	}
	got := yamldoc.Secrets([]byte(src), data, spans, extra)
	want := []secret.Span{
		{Line: 2, Column: 13, EndLine: 2, EndColumn: 23, Value: "Zx7 quoted"},
		{Line: 3, Column: 14, EndLine: 3, EndColumn: 22, Value: "Zx7\tesc"},
		{Line: 10, Column: 26, EndLine: 10, EndColumn: 35, Value: "Zx7anchor"},
		{Line: 15, Column: 12, EndLine: 15, EndColumn: 17, Value: "extra"},
		{Line: 1, Column: 14, EndLine: 1, EndColumn: 22, Value: "Zx7plain"},
		{Line: 10, Column: 26, EndLine: 10, EndColumn: 35, Value: "Zx7anchor"}, // where the anchor is
		{Line: 7, Column: 13, EndLine: 7, EndColumn: 19, Value: "Zx7one"},
		{Line: 7, Column: 22, EndLine: 7, EndColumn: 28, Value: "Zx7two"},
		{Line: 8, Column: 13, EndLine: 8, EndColumn: 17, Value: "1234"},
		{Line: 5, Column: 1, EndLine: 6, EndColumn: 0, Value: "Zx7block1\nZx7block2\n"},
		{Line: 12, Column: 16, EndLine: 12, EndColumn: 23, Value: "Zx7/url"},
		{Line: 9, Column: 12, EndLine: 9, EndColumn: 17, Value: "Zx7ü"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Secrets\n got %+v\nwant %+v", got, want)
	}
}
