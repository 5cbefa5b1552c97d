package scan_test

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/deploylint/deploylint/scan"
	"github.com/deploylint/deploylint/scanners/builtin"
	"github.com/deploylint/deploylint/scanners/gitrepo"
)

// TestProvenanceOfTheScannedCheckout: a scan of a work tree with a remote names its commit,
// branch and top relative to the reported paths ("." at the top, ".." from a folder in it);
// a tree without git names none.
func TestProvenanceOfTheScannedCheckout(t *testing.T) {
	const commit = "89abcdef0123456789abcdef0123456789abcdef"
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		".git/HEAD":            "ref: refs/heads/main\n",
		".git/refs/heads/main": commit + "\n",
		".git/config":          "[remote \"origin\"]\n\turl = https://token:Zq9secret@example.com/acme/stack.git\n",
		"deploy/.env":          "OPENC3_REDIS_PASSWORD=openc3password\n",
	})
	want := func(top string) []gitrepo.Provenance {
		return []gitrepo.Provenance{{RepositoryURI: "https://example.com/acme/stack.git", Revision: commit, Branch: "main", Top: top}}
	}
	for _, c := range []struct {
		path string
		want []gitrepo.Provenance
	}{
		{root, want(".")},
		{filepath.Join(root, "deploy"), want("..")},
		{t.TempDir(), nil},
	} {
		res, err := scan.Run(context.Background(), scan.Options{Paths: []string{c.path}, Registry: builtin.Registry(), ParseOnly: true, Config: scan.ConfigSource{None: true}})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(res.Provenance, c.want) {
			t.Errorf("%s: provenance %+v, want %+v", c.path, res.Provenance, c.want)
		}
	}
}
