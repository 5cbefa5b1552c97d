package gitindex_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/internal/gittest"
	"github.com/deploylint/deploylint/scanners/gitindex"
)

// run runs the real git: the reader is checked against what git itself writes and lists.
func run(t *testing.T, dir string, args ...string) string {
	t.Helper()
	return gittest.Run(t, dir, args...)
}

// repo makes a work tree with names that exercise the format: shared prefixes (v4 strips
// them), spaces, non-ASCII, a long path, names whose order differs from a path sort.
func repo(t *testing.T, objectFormat string) string {
	t.Helper()
	dir := t.TempDir()
	run(t, dir, "init", "-q", "--object-format="+objectFormat)
	files := []string{
		".env", "a/b/c.env", "a/b/cd.env", "a/bb", "a-b/x", "a.b", "deploy/users.acl",
		"with space/.env", "héllo/wörld.conf", strings.Repeat("long/", 60) + "name.yaml",
		"skip/me.env", "z",
	}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run(t, dir, "add", "-A")
	run(t, dir, "commit", "-q", "-m", "files")
	return dir
}

// listed is what git says the index tracks.
func listed(t *testing.T, dir string) []string {
	var names []string
	for _, n := range strings.Split(run(t, dir, "ls-files", "-z"), "\x00") {
		if n != "" {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return slices.Compact(names)
}

func parseRepo(t *testing.T, dir string, hashSize int) *gitindex.Index {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, ".git", "index"))
	if err != nil {
		t.Fatal(err)
	}
	x, err := gitindex.Parse(b, hashSize)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// TestMatchesGit: for index versions 2, 3 and 4, SHA-1 and SHA-256 repositories, entries with
// extended flags (skip-worktree, intent-to-add), every path git lists is tracked, and paths
// git does not list are not.
func TestMatchesGit(t *testing.T) {
	for _, format := range []struct {
		name string
		size int
	}{{"sha1", 20}, {"sha256", 32}} {
		for _, version := range []string{"2", "3", "4"} {
			t.Run(format.name+"/v"+version, func(t *testing.T) {
				dir := repo(t, format.name)
				if version != "2" {
					// Extended flags need version 3 at least.
					run(t, dir, "update-index", "--skip-worktree", "skip/me.env")
					if err := os.WriteFile(filepath.Join(dir, "new.env"), []byte("A=1\n"), 0o644); err != nil {
						t.Fatal(err)
					}
					run(t, dir, "add", "-N", "new.env")
				}
				run(t, dir, "update-index", "--index-version", version)
				x := parseRepo(t, dir, format.size)
				want := listed(t, dir)
				if x.Len() != len(want) {
					t.Errorf("read %d entries, git lists %d", x.Len(), len(want))
				}
				for _, n := range want {
					if !x.Tracked(n) {
						t.Errorf("%q: git tracks it, the reader says no", n)
					}
				}
				for _, n := range []string{"a/b", "a/b/c", "untracked.env", "a/b/c.env/x", "", "héllo"} {
					if x.Tracked(n) {
						t.Errorf("%q: not in the index, the reader says tracked", n)
					}
				}
			})
		}
	}
}

// TestSparseIndex: outside a sparse checkout's cone the index holds one entry per folder, and
// every file below it is tracked.
func TestSparseIndex(t *testing.T) {
	dir := repo(t, "sha1")
	run(t, dir, "sparse-checkout", "set", "--cone", "--sparse-index", "deploy")
	x := parseRepo(t, dir, 20)
	for _, n := range []string{"deploy/users.acl", ".env", "a/b/c.env", "héllo/wörld.conf"} {
		if !x.Tracked(n) {
			t.Errorf("%q: tracked (in the cone or below a sparse folder), the reader says no", n)
		}
	}
	if x.Tracked("elsewhere/x.env") || x.Tracked("a") {
		t.Error("a path under no entry is reported tracked")
	}
}

// TestSplitIndexRefused: a split index keeps entries in another file; the reader says so
// rather than give a partial answer.
func TestSplitIndexRefused(t *testing.T) {
	dir := repo(t, "sha1")
	run(t, dir, "update-index", "--split-index")
	b, err := os.ReadFile(filepath.Join(dir, ".git", "index"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := gitindex.Parse(b, 20); !errors.Is(err, gitindex.ErrUnsupported) {
		t.Fatalf("split index: got %v, want ErrUnsupported", err)
	}
}

// handMade is a one-entry version 2 index, for the corruption tests and the fuzz seeds.
func handMade(name string) []byte {
	var b bytes.Buffer
	b.WriteString("DIRC")
	_ = binary.Write(&b, binary.BigEndian, uint32(2))
	_ = binary.Write(&b, binary.BigEndian, uint32(1))
	entry := make([]byte, 62)
	binary.BigEndian.PutUint32(entry[24:], 0o100644)
	binary.BigEndian.PutUint16(entry[60:], uint16(len(name)))
	entry = append(entry, name...)
	for pad := (62 + len(name) + 8) &^ 7; len(entry) < pad; {
		entry = append(entry, 0)
	}
	b.Write(entry)
	b.Write(make([]byte, 20)) // checksum (not verified)
	return b.Bytes()
}

// TestCorruptIndex: damaged files give an error, never a panic or a huge allocation.
func TestCorruptIndex(t *testing.T) {
	good := handMade(".env")
	x, err := gitindex.Parse(good, 20)
	if err != nil || !x.Tracked(".env") {
		t.Fatalf("hand-made index: %v", err)
	}
	huge := slices.Clone(good)
	binary.BigEndian.PutUint32(huge[8:], 0xffffffff)
	for name, b := range map[string][]byte{
		"empty":        nil,
		"not an index": []byte("hello world, this is not an index file at all"),
		"version 9":    append([]byte("DIRC\x00\x00\x00\x09"), good[8:]...),
		"truncated":    good[:40],
		"huge count":   huge,
		"no NUL":       bytes.ReplaceAll(slices.Clone(good), []byte{0}, []byte{1}),
	} {
		if _, err := gitindex.Parse(b, 20); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := gitindex.Parse(good, 16); err == nil {
		t.Error("object name size 16: no error")
	}
}

func FuzzParse(f *testing.F) {
	f.Add(handMade(".env"), true)
	f.Add(handMade(strings.Repeat("x/", 100)+"users.acl"), false)
	f.Fuzz(func(t *testing.T, b []byte, sha256 bool) {
		size := 20
		if sha256 {
			size = 32
		}
		x, err := gitindex.Parse(b, size)
		if err != nil {
			return
		}
		if x.Len() > len(b) {
			t.Fatalf("%d entries from %d bytes", x.Len(), len(b))
		}
		_ = x.Tracked(".env")
	})
}
