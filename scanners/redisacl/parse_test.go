package redisacl_test

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/redisacl"
)

func parse(t testing.TB, src string) (*scanners.Document, map[string]any) {
	t.Helper()
	doc, err := redisacl.New().Parse("users.acl", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return doc, scanners.Plain(doc.Data).(map[string]any)
}

func TestFinalStateLeftToRight(t *testing.T) {
	doc, data := parse(t, "user default off\nuser openc3 on >first nopass >second ~a %R~b resetchannels &c -@all +@read -get +get\n")
	u := data["users"].([]any)[1].(map[string]any)
	if u["name"] != "openc3" || u["line"] != 2 || !u["enabled"].(bool) || u["nopass"].(bool) {
		t.Errorf("user state: %v", u)
	}
	pws := u["passwords"].([]any)
	if len(pws) != 1 || pws[0].(map[string]any)["form"] != "cleartext" || pws[0].(map[string]any)["token"] != 3 {
		t.Errorf("nopass must clear the first password, the second stays: %v", pws)
	}
	if len(u["cleartext"].([]any)) != 2 {
		t.Errorf("both >pw tokens must be listed: %v", u["cleartext"])
	}
	root := u["root"].(map[string]any)
	if rules := root["command_rules"].([]string); strings.Join(rules, " ") != "+@read +get" {
		t.Errorf("command rules = %v, want +@read +get (the later +get replaces -get)", rules)
	}
	if tok := u["tokens"].([]string); tok[1] != ">" || tok[3] != ">" {
		t.Errorf("cleartext passwords must not reach the data: %v", tok)
	}
	sp, _ := doc.Span([]any{"users", 1, "tokens", 3})
	if sp.Key.Start != (scanners.Position{Line: 2, Column: 30}) || sp.Key.End.Column != 37 {
		t.Errorf("span of >second = %+v", sp)
	}
	if !data["has_default_user"].(bool) {
		t.Error("has_default_user")
	}
}

func TestLoadErrorsAtTheirToken(t *testing.T) {
	for _, tc := range []struct {
		src        string
		line, col  int
		token      int
		msgPrefix  string
		secretFree string
	}{
		{"#user default on >hunter2\n", 1, 1, -1, "the line does not start with `user <name>`", "hunter2"},
		{"user a on\nuser a off\n", 2, 6, -1, `user "a" is already defined on line 1`, ""},
		{"user a on >hunter2 allkeys ~x\n", 1, 28, 3, "a key pattern after `allkeys`", "hunter2"},
		{"user a on <hunter2\n", 1, 11, 1, "this removes a password the user does not have", "hunter2"},
		{"user a on +nosuch\n", 1, 11, 1, "Redis has no command", ""},
		{"user a on (~x +get\n", 1, 11, 1, "a selector opened with `(` is never closed", ""},
		{"user a on #ABC\n", 1, 11, 1, "a password hash must be exactly 64", ""},
	} {
		doc, data := parse(t, tc.src)
		errs := data["errors"].([]any)
		if len(errs) != 1 {
			t.Errorf("%q: errors = %v", tc.src, errs)
			continue
		}
		e := errs[0].(map[string]any)
		sp, _ := doc.Span([]any{"errors", 0})
		if e["line"] != tc.line || e["token"] != tc.token || sp.Key.Start.Column != tc.col || !strings.HasPrefix(e["msg"].(string), tc.msgPrefix) {
			t.Errorf("%q: got %v at col %d, want line %d token %d col %d %q", tc.src, e, sp.Key.Start.Column, tc.line, tc.token, tc.col, tc.msgPrefix)
		}
		if tc.secretFree != "" && strings.Contains(e["msg"].(string), tc.secretFree) {
			t.Errorf("%q: message leaks the password", tc.src)
		}
	}
}

func TestNoDefaultUser(t *testing.T) {
	_, data := parse(t, "user a on nopass\n")
	if data["has_default_user"].(bool) {
		t.Error("has_default_user without a default line")
	}
}

func TestMatchAndSniff(t *testing.T) {
	s := redisacl.New()
	if s.Match("x/users.acl") != scanners.Match || s.Match("redis.acl") != scanners.MaybeMatch || s.Match("users.conf") != scanners.NoMatch {
		t.Error("Match")
	}
	if !s.Sniff([]byte("user a on\n\nuser b off\n")) || s.Sniff([]byte("# users\nuser a on\n")) {
		t.Error("Sniff")
	}
}

func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.acl")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, err := redisacl.New().Parse("users.acl", src)
		if err != nil {
			t.Fatalf("Parse never fails, load errors are data: %v", err)
		}
		lines := strings.Count(string(src), "\n") + 1
		all := located(t, doc, scanners.Plain(doc.Data).(map[string]any))
		maps.Copy(all, doc.Spans)
		for k, sp := range all {
			if sp.Key.Start.Line < 1 || sp.Key.End.Line > lines || sp.Value.End.Line > lines {
				t.Fatalf("span %s outside the file: %+v", k, sp)
			}
		}
		again, _ := redisacl.New().Parse("users.acl", src)
		if len(scanners.Plain(again.Data).(map[string]any)["errors"].([]any)) != len(scanners.Plain(doc.Data).(map[string]any)["errors"].([]any)) {
			t.Fatal("errors differ between two parses")
		}
	})
}

func BenchmarkParse(b *testing.B) {
	src, err := os.ReadFile("testdata/cosmos.acl")
	if err != nil {
		b.Fatal(err)
	}
	s := redisacl.New()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := s.Parse("users.acl", src); err != nil {
			b.Fatal(err)
		}
	}
}

// TestManyUsersInParts: a file of enough users to build their data in parts keeps every user
// at its index, and the indexes by name and of admin grants point at the right users.
func TestManyUsersInParts(t *testing.T) {
	var b strings.Builder
	const n = 5000
	for i := range n {
		if i%7 == 0 {
			fmt.Fprintf(&b, "user admin%d on >Pw%dxQ7z ~* +@all\n", i, i)
		} else {
			fmt.Fprintf(&b, "user u%d on >Pw%dxQ7z ~app:%d:* -@all +get\n", i, i, i)
		}
	}
	doc, err := redisacl.New().Parse("users.acl", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	data := doc.Data.(map[string]any)
	users := data["users"].([]any)
	if len(users) != n {
		t.Fatalf("%d users, want %d", len(users), n)
	}
	var admins []any
	for i, u := range users {
		name, _ := u.(scanners.Record).Get("name")
		want := fmt.Sprintf("u%d", i)
		if i%7 == 0 {
			want = fmt.Sprintf("admin%d", i)
			admins = append(admins, i)
		}
		if name != want {
			t.Fatalf("user %d is %v, want %s", i, name, want)
		}
		if got := data["by_name"].(map[string]any)[want]; !reflect.DeepEqual(got, []any{i}) {
			t.Fatalf("by_name[%s] = %v, want [%d]", want, got, i)
		}
		if sp, ok := doc.Span([]any{"users", i}); !ok || sp.Key.Start.Line != i+1 {
			t.Fatalf("user %d located at %+v", i, sp)
		}
	}
	if got := data["granting_admin"]; !reflect.DeepEqual(got, admins) {
		t.Errorf("granting_admin holds %d users, want %d", len(got.([]any)), len(admins))
	}
}
