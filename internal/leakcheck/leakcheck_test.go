package leakcheck_test

import (
	"testing"

	"github.com/deploylint/deploylint/internal/leakcheck"
)

func TestFind(t *testing.T) {
	secrets := []string{"Zx7<planted>&pw", "pw42"}
	for out, leaks := range map[string]bool{
		"nothing here":                     false,
		"Zx7<pla":                          false, // 7 bytes
		"Zx7<plan":                         true,
		`"Zx7\u003cplanted\u003e\u0026pw"`: true, // JSON escapes
		"Zx7&lt;planted&gt;":               true, // HTML escapes
		"x Zx7%3Cplanted y":                true, // percent escapes
		`Zx7\<planted\>`:                   true, // Markdown escapes
		"pw42 as a token":                  true,
		"pw423 xpw42":                      false, // not a token
	} {
		if got := leakcheck.Find([]byte(out), secrets); (len(got) > 0) != leaks {
			t.Errorf("Find(%q) = %q, want leaks: %v", out, got, leaks)
		}
	}
}
