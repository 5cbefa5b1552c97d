package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// hookRepo is a git repository whose .pre-commit-config.yaml uses one of this repository's
// hooks at its current commit.
type hookRepo struct {
	t   *testing.T
	dir string
	env []string
}

func newHookRepo(t *testing.T, hook string, env ...string) *hookRepo {
	t.Helper()
	if testing.Short() {
		t.Skip("runs pre-commit: skipped with -short")
	}
	for _, bin := range []string{"pre-commit", "git"} {
		if _, err := exec.LookPath(bin); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s not installed (apt-get install pre-commit git); required in CI", bin)
			}
			t.Skipf("%s not installed: apt-get install pre-commit git to run this test", bin)
		}
	}
	self, err := filepath.Abs(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	head, err := exec.Command("git", "-C", self, "rev-parse", "HEAD").Output()
	if err != nil {
		t.Skipf("not a git checkout (%v): the hook is installed from a commit", err)
	}
	h := &hookRepo{t: t, dir: t.TempDir()}
	h.env = append(append(os.Environ(), "PRE_COMMIT_HOME="+t.TempDir(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.org",
		"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.org"), env...)
	h.must("git", "init", "-q")
	h.write(".pre-commit-config.yaml", "repos:\n  - repo: "+self+"\n    rev: "+strings.TrimSpace(string(head))+"\n    hooks:\n      - id: "+hook+"\n")
	h.must("git", "add", ".pre-commit-config.yaml")
	return h
}

func (h *hookRepo) run(name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = h.dir
	cmd.Env = h.env
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func (h *hookRepo) must(name string, args ...string) {
	h.t.Helper()
	if out, err := h.run(name, args...); err != nil {
		h.t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

func (h *hookRepo) write(name, content string) {
	h.t.Helper()
	if err := os.WriteFile(filepath.Join(h.dir, name), []byte(content), 0o600); err != nil {
		h.t.Fatal(err)
	}
}

// TestPreCommitHook runs the real pre-commit with the golang hook at this repository's current
// commit: a staged default password fails the hook with the finding printed; a clean file passes.
func TestPreCommitHook(t *testing.T) {
	h := newHookRepo(t, "deploylint")
	h.write(".env", "OPENC3_REDIS_PASSWORD=openc3password\n")
	h.must("git", "add", ".env")
	out, err := h.run("pre-commit", "run", "--files", ".env")
	if err == nil || !strings.Contains(out, "ENV001") {
		t.Fatalf("a default password must fail the hook with its finding; err=%v\n%s", err, out)
	}
	// Clean: no default, and no secret left in a tracked file (that would be FS002).
	h.write(".env", "LOG_LEVEL=info\n")
	h.must("git", "add", ".env")
	if out, err := h.run("pre-commit", "run", "--files", ".env"); err != nil {
		t.Fatalf("a clean file must pass the hook: %v\n%s", err, out)
	}
}

// TestPreCommitSystemHook installs the system hook as a git hook and commits: the deploylint
// on the PATH (built here into a folder of its own) blocks a commit that stages a default
// password, and lets a clean one through.
func TestPreCommitSystemHook(t *testing.T) {
	goBin := needProgram(t, "go")
	binDir := t.TempDir()
	build := exec.Command(goBin, "build", "-o", filepath.Join(binDir, "deploylint"), ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	h := newHookRepo(t, "deploylint-system", "PATH="+binDir+string(os.PathListSeparator)+os.Getenv("PATH"))
	h.must("pre-commit", "install")
	h.write(".env", "OPENC3_REDIS_PASSWORD=openc3password\n")
	h.must("git", "add", ".env")
	out, err := h.run("git", "commit", "-q", "-m", "default password")
	if err == nil || !strings.Contains(out, "ENV001") || !strings.Contains(out, "deploylint (installed)") {
		t.Fatalf("the commit of a default password must be blocked by the system hook with its finding; err=%v\n%s", err, out)
	}
	if _, err := h.run("git", "rev-parse", "-q", "--verify", "HEAD"); err == nil {
		t.Fatal("the blocked commit was made")
	}
	h.write(".env", "LOG_LEVEL=info\n")
	h.must("git", "add", ".env")
	if out, err := h.run("git", "commit", "-q", "-m", "clean"); err != nil {
		t.Fatalf("a clean commit must pass the system hook: %v\n%s", err, out)
	}
}

// TestPreCommitDockerHook checks what can be checked without a Docker daemon (CI may have
// none): pre-commit accepts the manifest, the docker hook runs the same command as the others
// on the same files, and the Dockerfile pre-commit builds puts that command on the image's
// PATH. With a daemon, the hook blocks a default password for real.
func TestPreCommitDockerHook(t *testing.T) {
	pc := needProgram(t, "pre-commit")
	if out, err := exec.Command(pc, "validate-manifest", filepath.Join(repoRoot, ".pre-commit-hooks.yaml")).CombinedOutput(); err != nil {
		t.Fatalf("pre-commit validate-manifest: %v\n%s", err, out)
	}
	var hooks []struct {
		ID, Entry, Language, Files string
	}
	if err := yaml.Unmarshal([]byte(readFile(t, filepath.Join(repoRoot, ".pre-commit-hooks.yaml"))), &hooks); err != nil {
		t.Fatal(err)
	}
	byID := map[string]int{}
	for i, h := range hooks {
		byID[h.ID] = i
	}
	want := map[string]string{"deploylint": "golang", "deploylint-system": "system", "deploylint-docker": "docker"}
	for id, lang := range want {
		i, ok := byID[id]
		if !ok {
			t.Errorf("no hook %s", id)
			continue
		}
		h := hooks[i]
		if h.Language != lang || h.Entry != hooks[0].Entry || h.Files != hooks[0].Files {
			t.Errorf("hook %s: language %q entry %q, want %s running %q on the golang hook's files", id, h.Language, h.Entry, lang, hooks[0].Entry)
		}
	}
	df := readFile(t, filepath.Join(repoRoot, "Dockerfile"))
	if !strings.Contains(df, "COPY --from=build /out/deploylint /usr/local/bin/deploylint") {
		t.Error("the Dockerfile's image does not put deploylint on the PATH, where the docker hook's entry looks for it")
	}
	if err := exec.Command("docker", "info").Run(); err != nil {
		t.Skipf("no Docker daemon (docker info: %v): the docker hook's image is not built here", err)
	}
	h := newHookRepo(t, "deploylint-docker")
	h.write(".env", "OPENC3_REDIS_PASSWORD=openc3password\n")
	h.must("git", "add", ".env")
	if out, err := h.run("pre-commit", "run", "--files", ".env"); err == nil || !strings.Contains(out, "ENV001") {
		t.Fatalf("a default password must fail the docker hook with its finding; err=%v\n%s", err, out)
	}
}
