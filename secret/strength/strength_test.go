package strength_test

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"path"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/deploylint/deploylint/policies"
	"github.com/deploylint/deploylint/secret/strength"
)

// TestGuessable: values people really ship as secrets, and short words, are guessable.
func TestGuessable(t *testing.T) {
	for _, v := range []string{
		"supersecret", // getsentry/self-hosted's LAUNCHPAD_RPC_SHARED_SECRET
		"123",         // frappe_docker's ${DB_PASSWORD:-123}
		"admin", "secret", "password", "changeme", "letmein", "qwerty", "iloveyou",
		"P@ssw0rd!", "Welcome1!", "mypassword123", "hunter2", "root", "dbpassword",
		"rootpassword", "mysecretpassword", "s3cr3t", "test123", "a1b2c3d4", "q1w2e3r4t5",
		"12345678", "sentry", "grafana", "nextcloud", "foobared",
	} {
		if !strength.Guessable(v) {
			t.Errorf("%q: want guessable", v)
		}
	}
}

// TestStrongNeverGuessable: random values of 16 to 32 characters in every usual alphabet
// (what openssl rand, pwgen and password managers produce) and passphrases are never called
// guessable.
func TestStrongNeverGuessable(t *testing.T) {
	strong := []string{
		"J5brHrAXFLQSif0K", "t4Ph722qJ5QHeQ1qfu36", "H733Kdjndks81", "Vd8tq2Lw9Zr4Xk1p",
		"Tr0ub4dor&3", "sk_live_51Hxyz", "9f86d081884c7d659a2feaa0c55ad015",
		"ZmFrZXNlY3JldA==", "r(m)9nLGnz$(_q3N4z1k(EFsMCjjjzx08x9VhNVcfd%6RF#r!6DE@+V5Zk2X",
		"correct horse battery staple", "purple-monkey-dishwasher-lamp",
		"averylongpassphrasewithmanywords", "mysupersecretpasswordfordev",
		"bdb4300d46c9d4f116ce3dbbd54cac6b20802d8be1c2333cf5f6f90b1627799ac5d043e8460744077bc0bd6aacdd5c4bf53f499a68303c6752e7f327b874b96a",
	}
	alphabets := []string{
		"0123456789abcdef",
		"abcdefghijklmnopqrstuvwxyz",
		"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
		"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/",
		"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_{|}~",
	}
	r := rand.New(rand.NewPCG(1, 2)) // fixed: the same values on every run
	for _, a := range alphabets {
		for n := 16; n <= 32; n += 2 {
			for range 3 {
				b := make([]byte, n)
				for i := range b {
					b[i] = a[r.IntN(len(a))]
				}
				strong = append(strong, string(b))
			}
		}
	}
	for _, v := range strong {
		if strength.Guessable(v) {
			t.Errorf("%q: a strong value called guessable", v)
		}
	}
}

func TestNotRated(t *testing.T) {
	for _, v := range []string{"", "\xff\xfe", strings.Repeat("a", strength.MaxRated+1)} {
		if strength.Guessable(v) {
			t.Errorf("%q: want not rated", v)
		}
	}
}

func TestWeakSecret(t *testing.T) {
	if !strength.WeakSecret("LAUNCHPAD_RPC_SHARED_SECRET", "supersecret") {
		t.Error("a secret-named variable with a guessable value is weak")
	}
	for _, v := range []string{"yes", "1", "TRUE", "off"} {
		if strength.WeakSecret("MYSQL_ALLOW_EMPTY_PASSWORD", v) {
			t.Errorf("MYSQL_ALLOW_EMPTY_PASSWORD=%s is a switch, not a weak password", v)
		}
	}
	if strength.WeakSecret("COMPOSE_PROFILES", "admin") {
		t.Error("a variable that holds no secret is never weak")
	}
	if !strength.SecretName("db_root_password") || strength.SecretName("POSTGRES_PASSWORD_FILE") {
		t.Error("secret names are matched case-insensitively at the end of the name")
	}
}

// TestConcurrent: scanners rate values from several goroutines.
func TestConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if !strength.Guessable("supersecret") || strength.Guessable("Vd8tq2Lw9Zr4Xk1p") {
				t.Error("answers differ under concurrency")
			}
		}()
	}
	wg.Wait()
}

// TestSecretNamePatternMatchesPolicies: the Go pattern is the one the policies' data holds, so
// a variable the rules call a secret is always rated (and no other).
func TestSecretNamePatternMatchesPolicies(t *testing.T) {
	found := 0
	err := fs.WalkDir(policies.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".json" {
			return err
		}
		b, err := fs.ReadFile(policies.FS, p)
		if err != nil {
			return err
		}
		var data map[string]any
		if json.Unmarshal(b, &data) != nil {
			return nil
		}
		if pat, ok := data["secret_name_pattern"].(string); ok {
			found++
			if pat != strength.SecretNamePattern {
				t.Errorf("%s: secret_name_pattern %q, Go has %q", p, pat, strength.SecretNamePattern)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found == 0 {
		t.Fatal("no secret_name_pattern in the policies' data")
	}
}

// TestRaterBudget: a document's ratings are bounded, and which values are rated depends on the
// document alone: an answer the process remembers counts against the budget as a new rating
// would (else a document's findings would depend on what was rated before it), while a value
// the document repeats is answered again for free.
func TestRaterBudget(t *testing.T) {
	if !strength.Guessable("supersecret") {
		t.Fatal("supersecret is guessable")
	}
	r := strength.NewRater()
	for i := range strength.DocumentBudget {
		r.Guessable(fmt.Sprintf("x%dq", i))
	}
	if r.Guessable("supersecret") {
		t.Error("a value past the budget is rated because the process remembers it")
	}
	if r.Guessable("dragon") {
		t.Error("the budget of one document is DocumentBudget values")
	}
	r = strength.NewRater()
	for range 2 * strength.DocumentBudget {
		if !r.Guessable("supersecret") {
			t.Fatal("a repeated value spends the budget")
		}
	}
	if !r.Guessable("dragon") {
		t.Error("repeats of one value spent the budget of the others")
	}
}

// TestSecretNameIsThePattern: the suffix test and the pattern answer alike.
func TestSecretNameIsThePattern(t *testing.T) {
	re := regexp.MustCompile(strength.SecretNamePattern)
	for _, n := range []string{
		"", "P", "PW", "pw", "DB_PW", "PWD", "PW_FILE", "XPW", "REDIS_PASSWORD", "redis_password",
		"POSTGRES_PASSWORD_FILE", "PASSWD", "SMTP_PASS", "BYPASS", "PASSWORDS", "JWT_SECRET",
		"SECRET_KEY_BASE", "GF_SECURITY_SECRET_KEY", "GITHUB_TOKEN", "TOKENS", "OPENAI_API_KEY",
		"AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "SSH_PRIVATE_KEY", "PRIVATE_KEY_PATH", "requirepass",
		"admin_password", "db.root.password", "Secret", "OPENC3_REDIS_USERNAME", "KEY",
	} {
		if got, want := strength.SecretName(n), re.MatchString(n); got != want {
			t.Errorf("SecretName(%q) = %v, the pattern says %v", n, got, want)
		}
	}
}
