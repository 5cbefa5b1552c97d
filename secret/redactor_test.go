package secret_test

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"net/url"
	"runtime"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/secret"
)

const m = secret.Mask

func TestRedactorString(t *testing.T) {
	r := secret.NewRedactor(secret.Options{
		Secrets: []secret.Span{
			{Value: "Zx7plantedRedisPw41"},
			{Value: "hunter2"},
			{Value: "pw"}, // too short to mask by value
			{Value: "openc3password"},
			{Value: "openc3password2"},
			{Value: "later-set-password"},
			{Value: "-----\nMIIEvQIBADANBgkq\nhkiG9w0B\n"},
		},
		Public: []string{"openc3password", "password"},
	})
	for _, tc := range []struct{ in, want string }{
		{"the password is Zx7plantedRedisPw41.", "the password is " + m + "."},
		// Any 8 bytes of a long secret: a library error that cut the value short, or quoted half.
		{"value \"Zx7plant…\" is invalid", "value \"" + m + "…\" is invalid"},
		{"ends with antedRedisPw41", "ends with " + m},
		{"Zx7plan is 7 bytes", "Zx7plan is 7 bytes"},
		// A short secret only as a whole token.
		{"hunter2 and (hunter2)", m + " and (" + m + ")"},
		{"hunter23 xhunter2", "hunter23 xhunter2"},
		{"the pw is pw", "the pw is pw"},
		// A public default may be named, also where it is a part of a secret.
		{`is the shipped COSMOS default "openc3password"`, `is the shipped COSMOS default "openc3password"`},
		{"has a cleartext password", "has a cleartext password"},
		{`"openc3password2"`, `"openc3p` + m + `"`},
		// Each line of a multi-line secret, and windows across its lines.
		{"key hkiG9w0B leaked", "key " + m + " leaked"},
		{"é" + "Zx7plantedRedisPw41" + "é", "é" + m + "é"},
		{"", ""},
	} {
		if got := r.String(tc.in); got != tc.want {
			t.Errorf("String(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
	var none *secret.Redactor
	if got := none.String("Zx7plantedRedisPw41"); got != "Zx7plantedRedisPw41" {
		t.Errorf("a nil Redactor changed a string: %q", got)
	}
}

// TestRedactorUTF8: a mask never leaves half a character behind.
// TestRedactorEncoded: with Encoded, a secret is masked in the forms a custom rule could print
// it in too; without, those forms are left alone (built-in rules never print one).
func TestRedactorEncoded(t *testing.T) {
	const pw = "Zx7planted+Redis/Pw41&"
	forms := []string{
		base64.StdEncoding.EncodeToString([]byte(pw)), base64.URLEncoding.EncodeToString([]byte(pw)),
		hex.EncodeToString([]byte(pw)), strings.ToUpper(hex.EncodeToString([]byte(pw))), url.QueryEscape(pw),
		strings.Trim(mustJSON(t, pw), `"`),
	}
	on := secret.NewRedactor(secret.Options{Secrets: []secret.Span{{Value: pw}}, Encoded: true})
	off := secret.NewRedactor(secret.Options{Secrets: []secret.Span{{Value: pw}}})
	for _, f := range forms {
		if got := on.String("leak: " + f); strings.Contains(got, f[:8]) || strings.Contains(got, f[len(f)-8:]) {
			t.Errorf("encoded form %q printed: %q", f, got)
		}
	}
	if got := off.String(forms[2]); got != forms[2] {
		t.Errorf("without Encoded a hex form was masked: %q", got)
	}
}

func mustJSON(t *testing.T, v string) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestRedactorUTF8(t *testing.T) {
	r := secret.NewRedactor(secret.Options{Secrets: []secret.Span{{Value: "pässwörd-Zx7"}}})
	for _, in := range []string{"ässwörd-", "xpässwörd-Zx7y", "wörd-Zx7ü"} {
		got := r.String(in)
		if !strings.Contains(got, m) || !isValidUTF8(got) {
			t.Errorf("String(%q) = %q", in, got)
		}
	}
}

func isValidUTF8(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

func TestRedactorLine(t *testing.T) {
	r := secret.NewRedactor(secret.Options{
		Secrets: []secret.Span{
			{Path: ".env", Line: 2, Column: 13, EndLine: 2, EndColumn: 15, Value: "ab"},
			{Path: ".env", Line: 4, Column: 14, EndLine: 6, EndColumn: 4, Value: "one\ntwo\nthr"},
			{Path: "users.acl", Line: 1, Column: 14, EndLine: 1, EndColumn: 0, Value: "rest"},
			{Path: "compose.yaml", Line: 3, Column: 5, EndColumn: 99, Value: "openc3password"},
			{Path: "x.conf", Line: 1, Column: 13, EndColumn: 18, Value: "admin"},
		},
		Public: []string{"openc3password", "admin", "openc3questpassword"},
	})
	for _, tc := range []struct {
		path      string
		line      int
		in, want  string
		whyMasked string
	}{
		{".env", 2, "DB_PASSWORD=ab # c", "DB_PASSWORD=" + m + " # c", "by position"},
		{".env", 3, "OTHER=ab", "OTHER=ab", "2 bytes: by position only"},
		{".env", 4, `PRIVATE_KEY="one`, `PRIVATE_KEY="` + m, "first line of a span"},
		{".env", 5, "two", m, "inside a span"},
		{".env", 6, `thr" # end`, m + `" # end`, "last line of a span"},
		{"users.acl", 1, "user bob on >rest of it", "user bob on >" + m, "to the end of the line"},
		{"users.acl", 2, "user bob on >rest", "user bob on >" + m, "4 bytes, as a token"},
		{"users.acl", 2, "user bob on >restful", "user bob on >restful", "4 bytes, only as a token"},
		{"other", 1, "key: openc3password", "key: openc3password", "a public value is not looked for by value"},
		{"other", 1, "OPENC3_TSDB_USERNAME=openc3quest", "OPENC3_TSDB_USERNAME=openc3quest", "nor are its pieces"},
		{"compose.yaml", 3, "  - openc3password", "  - " + m, "by position"},
		{"x.conf", 1, "requirepass admin", "requirepass " + m, "a short public value, by position"},
		{"other", 2, "user admin on", "user admin on", "a short public value is an ordinary word elsewhere"},
		{".env", 4, "", "", "nothing to mask"},
		{".env", 2, "short", "short", "a span past the end of a shorter line (the file changed)"},
	} {
		if got := r.Line(tc.path, tc.line, tc.in); got != tc.want {
			t.Errorf("Line(%s:%d, %q) (%s)\n got %q\nwant %q", tc.path, tc.line, tc.in, tc.whyMasked, got, tc.want)
		}
	}
}

func TestRedactorError(t *testing.T) {
	r := secret.NewRedactor(secret.Options{Secrets: []secret.Span{{Value: "Zx7plantedErr"}}})
	err := fmt.Errorf("parse compose.yaml: %w", fs.ErrInvalid)
	if got := r.Error(err); got.Error() != err.Error() || errors.Unwrap(got) != fs.ErrInvalid { //nolint:errorlint // the very error is expected back
		t.Error("an error without a secret must stay as it is")
	}
	err = fmt.Errorf("invalid value Zx7plantedErr: %w", fs.ErrInvalid)
	red := r.Error(err)
	if red.Error() != "invalid value "+m+": invalid argument" || !errors.Is(red, fs.ErrInvalid) {
		t.Errorf("Error: %v (Is %v)", red, errors.Is(red, fs.ErrInvalid))
	}
	if r.Error(nil) != nil {
		t.Error("nil must stay nil")
	}
}

// TestNoWindowSurvives is the Redactor's promise, checked on random input: for random secrets
// embedded whole, in part, and glued to each other in random text, no 8 bytes of any secret of
// 8 bytes or more survive in the output, unless they are 8 bytes of a public value.
func TestNoWindowSurvives(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&*+-./:;=?@_~ \"'<>"
	randText := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return string(b)
	}
	for round := 0; round < 300; round++ {
		var spans []secret.Span
		var secrets []string
		for k := rng.IntN(6) + 1; k > 0; k-- {
			s := randText(8 + rng.IntN(40))
			secrets = append(secrets, s)
			spans = append(spans, secret.Span{Value: s})
		}
		var b strings.Builder
		for k := rng.IntN(12) + 1; k > 0; k-- {
			b.WriteString(randText(rng.IntN(30)))
			s := secrets[rng.IntN(len(secrets))]
			from := rng.IntN(len(s) - 7)
			to := from + 8 + rng.IntN(len(s)-from-7)
			b.WriteString(s[from:to])
		}
		in := b.String()
		// Every other round, some pieces of the secrets are published values too: those, and
		// only those, may survive.
		var public []string
		if round%2 == 1 {
			for _, s := range secrets[:1+rng.IntN(len(secrets))] {
				from := rng.IntN(len(s) - 7)
				public = append(public, s[from:from+8+rng.IntN(len(s)-from-7)])
			}
		}
		out := secret.NewRedactor(secret.Options{Secrets: spans, Public: public}).String(in)
		for _, s := range secrets {
			for i := 0; i+8 <= len(s); i++ {
				if !strings.Contains(out, s[i:i+8]) {
					continue
				}
				published := false
				for _, p := range public {
					published = published || strings.Contains(p, s[i:i+8])
				}
				if !published {
					t.Fatalf("round %d: %q of secret %q survives in\n in %q\nout %q", round, s[i:i+8], s, in, out)
				}
			}
		}
	}
}

func FuzzRedactorString(f *testing.F) {
	f.Add("Zx7plantedRedisPw41", "the password is Zx7plantedRedisPw41 and Zx7plant")
	f.Add("hunter22", "hunter2hunter22hunter222")
	f.Add("aaaaaaaaa", strings.Repeat("a", 100))
	f.Add("é€𝄞é€𝄞é€𝄞", "xé€𝄞é€𝄞é€𝄞y")
	f.Fuzz(func(t *testing.T, sec, text string) {
		if len(sec) < 8 || strings.Contains(sec, m) || strings.ContainsAny(sec, "\r\n") || sec != strings.TrimSpace(sec) {
			return
		}
		out := secret.NewRedactor(secret.Options{Secrets: []secret.Span{{Value: sec}}}).String(text)
		// What must not survive is a piece of the secret in the text left unmasked: a window
		// that runs into a mask is made partly of the mask's own bytes (a secret holding the
		// byte 0xE2 of "•" can seem to reappear where it was hidden).
		for _, kept := range strings.Split(out, "•") {
			for i := 0; i+8 <= len(sec); i++ {
				if strings.Contains(kept, sec[i:i+8]) {
					t.Fatalf("%q of %q survives in %q", sec[i:i+8], sec, out)
				}
			}
		}
		if isValidUTF8(text) && !isValidUTF8(out) {
			t.Fatalf("valid UTF-8 %q became invalid: %q", text, out)
		}
	})
}

// TestRedactorLinear: a long line, holding secrets and near-misses all along, costs in
// proportion to its length: ten times the line allocates at most twelve times as much (a
// growth ratio, not a timing; BenchmarkRedactorLongLine measures the time).
func TestRedactorLinear(t *testing.T) {
	r, unit := longLineRedactor()
	cost := func(size int) uint64 {
		line := strings.Repeat(unit, size/len(unit))
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		out := r.String(line)
		lineOut := r.Line("x", 1, line)
		runtime.ReadMemStats(&after)
		if strings.Contains(out, "Zx7secret0042") || strings.Contains(out, " s042 ") || !strings.Contains(out, " s04 ") || out != lineOut {
			t.Fatalf("%d-byte line masked wrongly: %q…", size, out[:200])
		}
		return after.TotalAlloc - before.TotalAlloc
	}
	small, large := cost(100<<10), cost(1<<20)
	if large > 12*small {
		t.Errorf("a 10x longer line allocated %.1fx as much (%d B against %d B)", float64(large)/float64(small), large, small)
	}
}

// longLineRedactor knows 2,000 secrets, long and short; unit repeats them with near-misses.
func longLineRedactor() (*secret.Redactor, string) {
	var spans []secret.Span
	for i := 0; i < 1000; i++ {
		spans = append(spans, secret.Span{Value: fmt.Sprintf("Zx7secret%04d", i)}, secret.Span{Value: fmt.Sprintf("s%03d", i)})
	}
	return secret.NewRedactor(secret.Options{Secrets: spans}), "Zx7secret0042 s042 Zx7secretXXXX aaaaaaaaaaaaaaaa s04 "
}

// BenchmarkRedactorLongLine: a 1 MB and a 10 MB line; ns/op should grow tenfold.
func BenchmarkRedactorLongLine(b *testing.B) {
	r, unit := longLineRedactor()
	for _, size := range []int{1 << 20, 10 << 20} {
		line := strings.Repeat(unit, size/len(unit))
		b.Run(fmt.Sprintf("bytes=%d", size), func(b *testing.B) {
			b.SetBytes(int64(len(line)))
			for b.Loop() {
				_ = r.String(line)
			}
		})
	}
}

func BenchmarkRedactorString(b *testing.B) {
	var spans []secret.Span
	for i := 0; i < 200; i++ {
		spans = append(spans, secret.Span{Value: fmt.Sprintf("Zx7secret%04d", i)}, secret.Span{Value: fmt.Sprintf("s%03d", i)})
	}
	r := secret.NewRedactor(secret.Options{Secrets: spans})
	msg := "service cache sets REDIS_PASSWORD as a literal in the compose file: reference it from .env or compose secrets"
	b.SetBytes(int64(len(msg)))
	for b.Loop() {
		_ = r.String(msg)
	}
}

func TestPublicValues(t *testing.T) {
	got, err := secret.PublicValues([]byte(`{"a": ["openc3password", {"k": "admin"}], "b": 1, "c": "admin", "d": ""}`))
	if err != nil || strings.Join(got, ",") != "admin,openc3password" {
		t.Errorf("PublicValues = %q, %v", got, err)
	}
	if _, err := secret.PublicValues([]byte("{")); err == nil {
		t.Error("broken JSON must be an error")
	}
}

// TestNamedSecret: a password equal to a name the messages print stays in messages, and is
// masked where it is written.
func TestNamedSecret(t *testing.T) {
	spans := []secret.Span{{Path: "compose.yaml", Line: 3, Column: 19, EndColumn: 24, Value: "gitea"}, {Value: "Zx7other"}}
	secret.Named(spans, map[string]bool{"gitea": true})
	r := secret.NewRedactor(secret.Options{Secrets: spans})
	if got := r.String("service gitea: DB_PASSWD is the same as a service name"); got != "service gitea: DB_PASSWD is the same as a service name" {
		t.Errorf("String: %q", got)
	}
	if got := r.Line("compose.yaml", 3, "      - DB_PASSWD=gitea"); got != "      - DB_PASSWD="+m {
		t.Errorf("Line: %q", got)
	}
	if spans[1].Public {
		t.Error("Zx7other is no name")
	}
}

// TestRedactorManySpans: many marks on one long line (each to the end of it) cost their
// number plus the line's length, not their product: ten times both allocates at most twelve
// times as much.
func TestRedactorManySpans(t *testing.T) {
	cost := func(n int) uint64 {
		line := strings.Repeat("k=v ", n)
		spans := make([]secret.Span, 0, n)
		for i := 0; i < n; i++ {
			spans = append(spans, secret.Span{Path: "f", Line: 1, Column: 1 + 4*i + 2})
		}
		r := secret.NewRedactor(secret.Options{Secrets: spans})
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		out := r.Line("f", 1, line)
		runtime.ReadMemStats(&after)
		if !strings.HasPrefix(out, "k="+m) || strings.Count(out, m) != 1 {
			t.Fatalf("masked wrongly: %q…", out[:40])
		}
		return after.TotalAlloc - before.TotalAlloc
	}
	small, large := cost(10000), cost(100000)
	if large > 12*small {
		t.Errorf("ten times the marks and line allocated %.1fx as much", float64(large)/float64(small))
	}
}
