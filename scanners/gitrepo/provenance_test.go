package gitrepo_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/deploylint/deploylint/scanners/confine"
	"github.com/deploylint/deploylint/scanners/gitrepo"
)

const commit = "0123456789abcdef0123456789abcdef01234567"

// gitFolder writes a work tree whose git folder holds files (path: content).
func gitFolder(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for p, content := range files {
		full := filepath.Join(root, ".git", filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func origin(url string) string {
	return "[core]\n\tbare = false\n[remote \"origin\"]\n\turl = " + url + "\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n"
}

// TestProvenance: the commit and branch HEAD names (through a loose ref, packed-refs, or
// detached), and the origin remote as a URI without credentials; none for a remote that is a
// local path, for no remote, or for a HEAD that names nothing.
func TestProvenance(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		want  gitrepo.Provenance
		ok    bool
	}{
		{
			"loose ref",
			map[string]string{"HEAD": "ref: refs/heads/main\n", "refs/heads/main": commit + "\n", "config": origin("https://github.com/acme/stack.git")},
			gitrepo.Provenance{RepositoryURI: "https://github.com/acme/stack.git", Revision: commit, Branch: "main"},
			true,
		},
		{
			"packed ref, token in the URL",
			map[string]string{"HEAD": "ref: refs/heads/release/1.2\n", "packed-refs": "# pack-refs with: peeled fully-peeled sorted\n" + commit + " refs/heads/release/1.2\n", "config": origin("https://x-access-token:Zq9secretToken@github.com/acme/stack.git")},
			gitrepo.Provenance{RepositoryURI: "https://github.com/acme/stack.git", Revision: commit, Branch: "release/1.2"},
			true,
		},
		{
			"detached, scp-like remote",
			map[string]string{"HEAD": commit + "\n", "config": origin("git@github.com:acme/stack.git")},
			gitrepo.Provenance{RepositoryURI: "ssh://github.com/acme/stack.git", Revision: commit},
			true,
		},
		{"local remote", map[string]string{"HEAD": commit + "\n", "config": origin("/home/someone/src/stack")}, gitrepo.Provenance{}, false},
		{"file remote", map[string]string{"HEAD": commit + "\n", "config": origin("file:///home/someone/src/stack")}, gitrepo.Provenance{}, false},
		{"no remote", map[string]string{"HEAD": commit + "\n", "config": "[core]\n\tbare = false\n"}, gitrepo.Provenance{}, false},
		{"unborn branch", map[string]string{"HEAD": "ref: refs/heads/main\n", "config": origin("https://github.com/acme/stack.git")}, gitrepo.Provenance{}, false},
		{"ref out of the folder", map[string]string{"HEAD": "ref: refs/../../../etc/passwd\n", "config": origin("https://github.com/acme/stack.git")}, gitrepo.Provenance{}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := gitFolder(t, c.files)
			r, ok := gitrepo.Open(root, confine.NewReader(confine.Options{}))
			if !ok {
				t.Fatal("not opened as a work tree")
			}
			got, ok := r.Provenance()
			if r.Top() != root {
				t.Errorf("top %s, want %s", r.Top(), root)
			}
			if ok != c.ok || got != c.want {
				t.Errorf("got %+v, %v; want %+v, %v", got, ok, c.want, c.ok)
			}
		})
	}
}
