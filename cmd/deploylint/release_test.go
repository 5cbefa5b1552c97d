package main

import (
	"debug/elf"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	"go.yaml.in/yaml/v3"
)

// snapshotRelease builds a snapshot release with the real .goreleaser.yaml and GoReleaser as
// tools/goreleaser/go.mod pins it, for this machine's platform only (six cross builds are
// make dist's job; the archives and checksums sections are the release's own). It returns the
// dist folder and the release's tag.
func snapshotRelease(t *testing.T) (dist, tag string) {
	t.Helper()
	goBin := needProgram(t, "go")
	needProgram(t, "git")
	root, err := filepath.Abs(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, ".git")); err != nil {
		t.Skipf("not a git checkout (%v): GoReleaser versions a release from git", err)
	}
	var cfg yaml.Node
	if err := yaml.Unmarshal([]byte(readFile(t, filepath.Join(root, ".goreleaser.yaml"))), &cfg); err != nil {
		t.Fatal(err)
	}
	dist = t.TempDir()
	doc := cfg.Content[0]
	setKey(doc, "dist", scalar(dist))
	builds := mapValue(t, doc, "builds")
	if len(builds.Content) != 1 {
		t.Fatalf(".goreleaser.yaml has %d builds, want 1", len(builds.Content))
	}
	setKey(builds.Content[0], "goos", seq(runtime.GOOS))
	setKey(builds.Content[0], "goarch", seq(runtime.GOARCH))
	b, err := yaml.Marshal(&cfg)
	if err != nil {
		t.Fatal(err)
	}
	cfgPath := filepath.Join(t.TempDir(), "goreleaser.yaml")
	writeFile(t, cfgPath, string(b))
	// Docker needs a daemon and the SBOM syft; make dist runs both where they are present.
	cmd := exec.Command(goBin, "tool", "-modfile="+filepath.Join(root, "tools/goreleaser/go.mod"), "goreleaser",
		"release", "--snapshot", "--clean", "--skip=docker,sbom", "--config", cfgPath)
	cmd.Dir = root
	// Without a remote GoReleaser drops every git fact, the commit too, and the test of
	// --version would see "none": a clone without one gets its own path as origin, for this
	// command only.
	if out, err := exec.Command("git", "-C", root, "remote").Output(); err == nil && strings.TrimSpace(string(out)) == "" {
		cmd.Env = append(os.Environ(), "GIT_CONFIG_COUNT=1", "GIT_CONFIG_KEY_0=remote.origin.url", "GIT_CONFIG_VALUE_0="+root)
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("goreleaser release --snapshot: %v\n%s", err, out)
	}
	var meta struct {
		Version string `json:"version"`
	}
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(dist, "metadata.json"))), &meta); err != nil {
		t.Fatal(err)
	}
	return dist, "v" + meta.Version
}

// serveRelease serves files as the release tag's downloads on loopback, as GitHub serves
// /releases/download/TAG/NAME, and counts the requests.
func serveRelease(t *testing.T, tag string, files map[string][]byte) (string, *atomic.Int64) {
	t.Helper()
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		b, ok := files[strings.TrimPrefix(r.URL.Path, "/"+tag+"/")]
		if !ok || !strings.HasPrefix(r.URL.Path, "/"+tag+"/") {
			http.NotFound(w, r)
			return
		}
		_, _ = w.Write(b)
	}))
	t.Cleanup(srv.Close)
	return srv.URL, &hits
}

// TestActionDownloadsRelease runs the action's steps against a real snapshot release served
// on loopback: the archive is downloaded, verified against checksums.txt and cached, then
// found in the cache without a download; a tampered archive and a missing release stop the
// action before anything is run.
func TestActionDownloadsRelease(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a snapshot release; skipped with -short")
	}
	needProgram(t, "curl")
	dist, tag := snapshotRelease(t)
	ext := ".tar.gz"
	if runtime.GOOS == "windows" {
		ext = ".zip"
	}
	archive := "deploylint_" + strings.TrimPrefix(tag, "v") + "_" + runtime.GOOS + "_" + runtime.GOARCH + ext
	files := map[string][]byte{}
	for _, name := range []string{"checksums.txt", archive} {
		b, err := os.ReadFile(filepath.Join(dist, name))
		if err != nil {
			t.Fatalf("the release lacks %s: %v", name, err)
		}
		files[name] = b
	}
	if !strings.Contains(string(files["checksums.txt"]), "  "+archive+"\n") {
		t.Fatalf("checksums.txt does not list %s:\n%s", archive, files["checksums.txt"])
	}
	url, hits := serveRelease(t, tag, files)
	cache := t.TempDir()
	inputs := map[string]string{"version": tag, "path": "deploy", "sarif-file": "out/deploylint.sarif"}
	env := []string{"DEPLOYLINT_RELEASE_URL=" + url, "RUNNER_TOOL_CACHE=" + cache}

	r := localAction(t, inputs, "main", env...)
	checkActionScan(t, r)
	bin := r.outputs["install"]["binary"]
	if !strings.HasPrefix(bin, cache) || !strings.Contains(r.outputs["install"]["binary"], tag) {
		t.Fatalf("binary %q: want the release %s in the tool cache %s\n%s", bin, tag, cache, r.log)
	}
	out, err := exec.Command(bin, "--version").Output()
	if err != nil || !strings.HasPrefix(string(out), "deploylint "+tag+" (commit ") || strings.Contains(string(out), "none") {
		t.Errorf("%s --version = %q, %v: want the release's version and commit", bin, out, err)
	}
	if runtime.GOOS == "linux" {
		f, err := elf.Open(bin)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range f.Progs {
			if p.Type == elf.PT_INTERP {
				t.Error("the released binary is dynamically linked: want CGO_ENABLED=0, a static binary")
			}
		}
		_ = f.Close()
	}
	if hits.Load() != 2 {
		t.Errorf("%d requests, want 2 (checksums.txt and the archive)", hits.Load())
	}

	// What actions/cache restored: no download.
	before := hits.Load()
	r = localAction(t, inputs, "main", env...)
	checkActionScan(t, r)
	if hits.Load() != before || r.outputs["install"]["binary"] != bin {
		t.Errorf("with the binary cached: %d more requests, binary %q", hits.Load()-before, r.outputs["install"]["binary"])
	}

	// One byte changed in the archive: the checksum fails, nothing is installed or run.
	bad := map[string][]byte{"checksums.txt": files["checksums.txt"], archive: append([]byte(nil), files[archive]...)}
	bad[archive][len(bad[archive])/2] ^= 0xff
	badURL, _ := serveRelease(t, tag, bad)
	freshCache := t.TempDir()
	r = localAction(t, inputs, "main", "DEPLOYLINT_RELEASE_URL="+badURL, "RUNNER_TOOL_CACHE="+freshCache)
	if r.code == 0 || !strings.Contains(r.log, "::error title=deploylint::checksum mismatch for "+archive) {
		t.Errorf("tampered archive: exit %d, want a checksum mismatch error\n%s", r.code, r.log)
	}
	if _, ran := r.outputs["scan"]; ran {
		t.Error("the scan ran after a failed verification")
	}
	if entries, _ := filepath.Glob(filepath.Join(freshCache, "deploylint", "*", "*", "deploylint*")); len(entries) != 0 {
		t.Errorf("a binary that failed verification was left in the cache: %v", entries)
	}

	// A version that was never released, asked for by name, is an error, not a silent build.
	r = localAction(t, map[string]string{"version": "v9.9.9"}, "main", "DEPLOYLINT_RELEASE_URL="+url, "RUNNER_TOOL_CACHE="+t.TempDir())
	if r.code == 0 || !strings.Contains(r.log, "no deploylint release v9.9.9") {
		t.Errorf("unreleased version: exit %d\n%s", r.code, r.log)
	}
}

func scalar(v string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: v} }

func seq(vs ...string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode}
	for _, v := range vs {
		n.Content = append(n.Content, scalar(v))
	}
	return n
}

// setKey sets key in a YAML mapping, adding it when absent.
func setKey(m *yaml.Node, key string, v *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content[i+1] = v
			return
		}
	}
	m.Content = append(m.Content, scalar(key), v)
}

func mapValue(t *testing.T, m *yaml.Node, key string) *yaml.Node {
	t.Helper()
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	t.Fatalf("no %q in .goreleaser.yaml", key)
	return nil
}
