package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPreCommitHook runs the real pre-commit with this repository's hook at its current commit:
// a staged default password fails the hook with the finding printed; a clean file passes.
func TestPreCommitHook(t *testing.T) {
	if testing.Short() {
		t.Skip("builds deploylint inside pre-commit: skipped with -short")
	}
	for _, bin := range []string{"pre-commit", "git"} {
		if _, err := exec.LookPath(bin); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s not installed (apt-get install pre-commit git); required in CI", bin)
			}
			t.Skipf("%s not installed: apt-get install pre-commit git to run this test", bin)
		}
	}
	self, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	head, err := exec.Command("git", "-C", self, "rev-parse", "HEAD").Output()
	if err != nil {
		t.Skipf("not a git checkout (%v): the hook is installed from a commit", err)
	}
	dir := t.TempDir()
	cache := t.TempDir()
	run := func(name string, args ...string) (string, error) {
		cmd := exec.Command(name, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "PRE_COMMIT_HOME="+cache, "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.org",
			"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.org")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	config := "repos:\n  - repo: " + self + "\n    rev: " + strings.TrimSpace(string(head)) + "\n    hooks:\n      - id: deploylint\n"
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if out, err := run("git", "init", "-q"); err != nil {
		t.Fatalf("git init: %v\n%s", err, out)
	}
	write(".pre-commit-config.yaml", config)
	write(".env", "OPENC3_REDIS_PASSWORD=openc3password\n")
	if out, err := run("git", "add", ".env", ".pre-commit-config.yaml"); err != nil {
		t.Fatalf("git add: %v\n%s", err, out)
	}
	out, err := run("pre-commit", "run", "--files", ".env")
	if err == nil || !strings.Contains(out, "ENV001") {
		t.Fatalf("a default password must fail the hook with its finding; err=%v\n%s", err, out)
	}
	// Clean: no default, and no secret left in a tracked file (that would be FS002).
	write(".env", "LOG_LEVEL=info\n")
	if out, err := run("git", "add", ".env"); err != nil {
		t.Fatalf("git add: %v\n%s", err, out)
	}
	if out, err := run("pre-commit", "run", "--files", ".env"); err != nil {
		t.Fatalf("a clean file must pass the hook: %v\n%s", err, out)
	}
}
