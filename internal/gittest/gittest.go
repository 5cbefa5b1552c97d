// Package gittest runs the real git for tests that check deploylint's own reading of git's
// files against git itself. Tests skip when git is missing, and fail when CI is set.
package gittest

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Run runs git in dir with the user's and the system's configuration shut out, and returns
// its standard output; any failure fails the test.
func Run(t testing.TB, dir string, args ...string) string {
	t.Helper()
	bin, err := exec.LookPath("git")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("git not installed (apt-get install git); required in CI")
		}
		t.Skip("git not installed: apt-get install git to run this test")
	}
	cmd := exec.Command(bin, args...) //nolint:gosec // git with the test's own arguments
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("git %s: %v: %s", strings.Join(args, " "), err, errb.String())
	}
	return out.String()
}
