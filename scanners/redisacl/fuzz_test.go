package redisacl_test

import (
	"strings"
	"testing"

	"github.com/deploylint/deploylint/internal/fuzzcheck"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/redisacl"
)

func FuzzRedisACL(f *testing.F) {
	isACL := func(p string) bool { return strings.HasSuffix(p, ".acl") }
	for _, dir := range []string{"../../fixtures", "testdata"} {
		for _, b := range fuzzcheck.SeedFiles(f, dir, isACL) {
			f.Add(b)
		}
	}
	hash := strings.Repeat("a", 64)
	for _, s := range []string{
		"",
		"\x00",
		"user",
		"user ",
		"user  ",
		"user \xff\xfe on >\xc3",
		"user default on nopass ~* &* +@all\r\n",
		"user a on >" + strings.Repeat("p", 10000),
		"user a on (~x +get\nuser b on (",
		"user a on ( ) () (~* (+get) )\n",
		"user a on #" + hash + " !" + hash + " <pw >pw <pw\n",
		"user a on %RW~x %~y %X~z %R~ ~* ~x &* &x allkeys resetkeys allchannels resetchannels\n",
		"user a on +config|get +config|get|x -config|x +set|x -set|x +@nope +nope|x -\n",
		"user a\tb on\n user a on\nUSER a on\n# comment\n",
		"user a " + strings.Repeat("(", 3000),
		"user a reset clearselectors sanitize-payload skip-sanitize-payload resetpass off on\n",
	} {
		f.Add([]byte(s))
	}
	sc := redisacl.New()
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > fuzzcheck.MaxInput {
			return
		}
		maxLine := fuzzcheck.Lines(src) + 1
		// Redis's refusals are data (ACL007), never a parse error.
		doc, err := sc.Parse("users.acl", src)
		if err != nil {
			t.Fatalf("Parse returned an error: %v", err)
		}
		again, _ := sc.Parse("users.acl", src)
		data := scanners.Plain(doc.Data).(map[string]any)
		if !fuzzcheck.Same(doc.Data, again.Data) || !fuzzcheck.Same(doc.Spans, again.Spans) ||
			!fuzzcheck.Same(located(t, doc, data), located(t, again, data)) {
			t.Fatal("two parses of the same bytes differ")
		}
		fuzzcheck.Spans(t, doc.Spans, maxLine)
		fuzzcheck.Spans(t, located(t, doc, data), maxLine)
		for i, u := range data["users"].([]any) {
			m := u.(map[string]any)
			tokens := m["tokens"].([]string)
			for j, tok := range tokens {
				// A cleartext password must never reach the data rules (and reports) see.
				if s := tok; len(s) > 1 && (s[0] == '>' || s[0] == '<') {
					t.Fatalf("token %d of user %d keeps a cleartext password", j, i)
				}
			}
			for k, p := range m["passwords"].([]any) {
				if tk := p.(map[string]any)["token"].(int); tk < 0 || tk >= len(tokens) {
					t.Fatalf("password %d of user %d points at token %d of %d", k, i, tk, len(tokens))
				}
			}
		}
		for k, e := range data["errors"].([]any) {
			line := e.(map[string]any)["line"].(int)
			if line < 1 || line > maxLine {
				t.Fatalf("error %d on line %d, outside the input", k, line)
			}
			if _, ok := doc.Span([]any{"errors", k}); !ok {
				t.Fatalf("error %d has no span", k)
			}
		}
	})
}

// located is the span of every user, token and password of data, which the parser computes
// on demand rather than keeping in Spans; a path without one fails the test.
func located(t *testing.T, doc *scanners.Document, data map[string]any) scanners.Spans {
	t.Helper()
	out := scanners.Spans{}
	find := func(path ...any) {
		sp, ok := doc.Span(path)
		if !ok {
			t.Fatalf("%v has no span", path)
		}
		out.Set(sp, path...)
	}
	find()
	for i, u := range data["users"].([]any) {
		m := u.(map[string]any)
		find("users", i)
		for j := range m["tokens"].([]string) {
			find("users", i, "tokens", j)
		}
		for k := range m["passwords"].([]any) {
			find("users", i, "passwords", k)
		}
	}
	return out
}
