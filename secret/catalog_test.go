package secret

import (
	"fmt"
	"testing"
	"unsafe"
)

func TestCatalogClass(t *testing.T) {
	defaults := map[string]any{
		"services": map[string]any{
			"GF_SECURITY_ADMIN_PASSWORD": map[string]any{"values": []any{"admin"}},
			"MINIO_ROOT_USER":            map[string]any{"values": []any{"minioadmin"}},
		},
		"cosmos":         map[string]any{"redis": map[string]any{"OPENC3_REDIS_PASSWORD": map[string]any{"values": []any{"openc3password"}}}},
		"acl_passwords":  []any{map[string]any{"value": "adminpassword", "source": "the COSMOS admin user"}, map[string]any{"value": "hunter2", "source": "a tutorial"}},
		"weak_passwords": []any{"123456"},
		"placeholders": map[string]any{
			"exact":         []any{"changeme"},
			"patterns":      []any{"^<.*>$"},
			"case_patterns": []any{"^set[A-Z][A-Za-z]*$"},
		},
		"secret_name_pattern": "(?i)PASSWORD$",
	}
	c, err := NewCatalog(defaults, []string{"Acme-2024", ""})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		s    string
		want Class
	}{
		{"admin", Class{Shipped: true}},
		{"openc3password", Class{Shipped: true, SecretName: true}}, // the name pattern knows no better
		{"adminpassword", Class{Shipped: true, SecretName: true}},
		{"hunter2", Class{}},    // a source starting "a " is an example, not a vendor's default
		{"minioadmin", Class{}}, // a user name, not a password
		{"123456", Class{Weak: true}},
		{"Acme-2024", Class{Org: true}},
		{"", Class{Placeholder: true}},
		{" CHANGEME\t", Class{Placeholder: true}},
		{"<your password>", Class{Placeholder: true}},
		{"setYourKey", Class{Placeholder: true}},
		{"setyourkey", Class{}}, // the case pattern sees the value as written
		{"REDIS_PASSWORD", Class{SecretName: true}},
	} {
		if got := c.Class(tc.s); got != tc.want {
			t.Errorf("Class(%q) = %+v, want %+v", tc.s, got, tc.want)
		}
	}
	if !c.Class("").KnownDefault("x") || c.Class("").KnownDefault("") {
		t.Error("a placeholder is a known default unless the value is empty")
	}
	if _, err := NewCatalog(map[string]any{"placeholders": map[string]any{"patterns": []any{"("}}}, nil); err == nil {
		t.Error("a pattern that does not compile is no error")
	}
}

// The memo answers as classifying would, for repeated strings and past its bound, and keeps no
// slice of the text a string was cut from.
func TestCatalogClassMemo(t *testing.T) {
	c, err := NewCatalog(map[string]any{
		"weak_passwords": []any{"123456"},
		"placeholders":   map[string]any{"patterns": []any{"^<.*>$"}},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	text := "x=<your password> y=123456"
	ph, weak := text[2:17], text[20:]
	for range 3 {
		if got := c.Class(ph); got != (Class{Placeholder: true}) {
			t.Fatalf("Class(%q) = %+v", ph, got)
		}
		if got := c.Class(weak); got != (Class{Weak: true}) {
			t.Fatalf("Class(%q) = %+v", weak, got)
		}
	}
	for k := range c.memo.m {
		if unsafe.StringData(k) == unsafe.StringData(ph) {
			t.Error("the memo keeps a slice of the document's text")
		}
	}
	for i := range maxMemo + 10 {
		c.Class(fmt.Sprintf("value-%d", i))
	}
	if n := len(c.memo.m); n > maxMemo {
		t.Errorf("the memo holds %d strings, more than its bound %d", n, maxMemo)
	}
	if got := c.Class(ph); got != (Class{Placeholder: true}) {
		t.Errorf("after the memo started afresh, Class(%q) = %+v", ph, got)
	}
}
