package scan_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/scan"
)

func writeFile(t *testing.T, p, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestConfigLookupStaysInTheTree: a configuration is found from the scanned folder up to the
// git work tree's top, never above it, and outside a work tree only in the folder itself.
func TestConfigLookupStaysInTheTree(t *testing.T) {
	base := t.TempDir()
	const cfg = `fail_on = "high"` + "\n"
	// A plain folder below a planted configuration: the plant is not read.
	writeFile(t, filepath.Join(base, "plain", ".deploylint.hcl"), cfg)
	writeFile(t, filepath.Join(base, "plain", "deploy", ".env"), "A=1\n")
	if f, _, ok := scan.FindConfig(filepath.Join(base, "plain", "deploy")); ok {
		t.Errorf("outside a work tree, a parent's configuration was used: %s", f)
	}
	if _, _, ok := scan.FindConfig(filepath.Join(base, "plain")); !ok {
		t.Error("the scanned folder's own configuration was not found")
	}
	// A work tree: its top's configuration governs its subfolders, one above it does not.
	writeFile(t, filepath.Join(base, "outer", ".deploylint.hcl"), cfg)
	writeFile(t, filepath.Join(base, "outer", "repo", ".git", "HEAD"), "ref: refs/heads/main\n")
	writeFile(t, filepath.Join(base, "outer", "repo", "deploy", ".env"), "A=1\n")
	if f, _, ok := scan.FindConfig(filepath.Join(base, "outer", "repo", "deploy")); ok {
		t.Errorf("a configuration above the work tree was used: %s", f)
	}
	writeFile(t, filepath.Join(base, "outer", "repo", ".deploylint.hcl"), cfg)
	f, tree, ok := scan.FindConfig(filepath.Join(base, "outer", "repo", "deploy"))
	if !ok || filepath.Dir(f) != filepath.Join(base, "outer", "repo") || tree != filepath.Join(base, "outer", "repo") {
		t.Errorf("FindConfig = %q, %q, %v; want the work tree's top", f, tree, ok)
	}
}

// TestFoundConfigPolicyDirsStayInside: a configuration found in the tree may not load
// policies from outside it; one the user names with --config may.
func TestFoundConfigPolicyDirsStayInside(t *testing.T) {
	base := t.TempDir()
	writeFile(t, filepath.Join(base, "elsewhere", "p.rego"), "package x\n")
	writeFile(t, filepath.Join(base, "repo", ".git", "HEAD"), "ref: refs/heads/main\n")
	writeFile(t, filepath.Join(base, "repo", "policies", "p.rego"), "package y\n")
	cfgPath := filepath.Join(base, "repo", ".deploylint.hcl")
	writeFile(t, cfgPath, `policy_dirs = ["../elsewhere"]`+"\n")
	repo := filepath.Join(base, "repo")
	_, err := scan.LoadConfig(scan.ConfigSource{}, []string{repo})
	if err == nil || !strings.Contains(err.Error(), `"../elsewhere" lies outside the scanned tree`) {
		t.Fatalf("outside policy_dirs: err = %v", err)
	}
	if strings.Contains(err.Error(), base) {
		t.Errorf("the error reveals an absolute path: %v", err)
	}
	if _, err := scan.LoadConfig(scan.ConfigSource{File: cfgPath}, []string{repo}); err != nil {
		t.Errorf("a configuration named by the user may point anywhere: %v", err)
	}
	writeFile(t, cfgPath, `policy_dirs = ["policies"]`+"\n")
	cfg, err := scan.LoadConfig(scan.ConfigSource{}, []string{repo})
	if err != nil || len(cfg.PolicyDirs) != 1 {
		t.Errorf("inside policy_dirs refused: %v", err)
	}
	// A symlink inside the tree that leads out is outside.
	if err := os.Symlink(filepath.Join(base, "elsewhere"), filepath.Join(repo, "linked")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, cfgPath, `policy_dirs = ["linked"]`+"\n")
	if _, err := scan.LoadConfig(scan.ConfigSource{}, []string{repo}); err == nil {
		t.Error("a policy_dirs symlink leading out of the tree was accepted")
	}
}
