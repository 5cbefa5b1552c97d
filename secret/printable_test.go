package secret_test

import (
	"strings"
	"testing"

	"github.com/deploylint/deploylint/secret"
)

func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"plain .env:3 ünïcode":   "plain .env:3 ünïcode",
		"a\x1b[31mred":           `a\u001b[31mred`,
		"evil\u202eenv.":         `evil\u202eenv.`,
		"iso\u2066late\u2069":    `iso\u2066late\u2069`,
		"nul\x00del\x7fc1\u0085": `nul\u0000del\u007fc1\u0085`,
		"tab\tand\nnewline":      "tab\tand\nnewline",
	} {
		if got := secret.Printable(in); got != want {
			t.Errorf("Printable(%q) = %q, want %q", in, got, want)
		}
	}
	long := strings.Repeat("x", 1<<20)
	if allocs := testing.AllocsPerRun(10, func() { _ = secret.Printable(long) }); allocs != 0 {
		t.Errorf("a printable string allocates %v times", allocs)
	}
}
