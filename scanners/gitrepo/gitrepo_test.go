package gitrepo_test

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"

	"github.com/deploylint/deploylint/internal/gittest"
	"github.com/deploylint/deploylint/scanners/confine"
	"github.com/deploylint/deploylint/scanners/gitrepo"
)

// TestTrackedAndIgnored builds a repository: a tracked file, a root .gitignore, a nested one,
// and .git/info/exclude, and checks each file's status.
func TestTrackedAndIgnored(t *testing.T) {
	root := t.TempDir()
	repo, err := git.PlainInit(root, false)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		".gitignore":          "/.env\nsecrets/\n",
		"secrets/.gitignore":  "!keep.env\n",
		"secrets/keep.env":    "A=1\n",
		"deep/a/b/.gitignore": "*.env\n!open.env\n",
		"deep/a/b/c/x.env":    "A=1\n",
		"deep/a/b/open.env":   "A=1\n",
		"app/.gitignore":      "local.env\n",
		".env":                "A=1\n",
		"app/.env":            "A=1\n",
		"app/local.env":       "A=1\n",
		"tools/.env":          "A=1\n",
		"tracked/.env":        "A=1\n",
		".git/info/exclude":   "tools/.env\n",
	}
	for rel, content := range files {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	wt, _ := repo.Worktree()
	if _, err := wt.Add("tracked/.env"); err != nil {
		t.Fatal(err)
	}
	r, ok := gitrepo.Open(filepath.Join(root, "app"), confine.NewReader(confine.Options{}))
	if !ok {
		t.Fatal("work tree not found from a subfolder")
	}
	for rel, want := range map[string]gitrepo.Status{
		".env":          {Ignored: true},
		"app/.env":      {},
		"app/local.env": {Ignored: true},
		"tools/.env":    {Ignored: true},
		"tracked/.env":  {Tracked: true},
		// A file in an ignored folder stays ignored: git reads no .gitignore inside it.
		"secrets/keep.env": {Ignored: true},
		// A nested .gitignore applies below its folder, negations included.
		"deep/a/b/c/x.env":  {Ignored: true},
		"deep/a/b/open.env": {},
	} {
		got, ok := r.Status(filepath.Join(root, filepath.FromSlash(rel)))
		if !ok || got != want {
			t.Errorf("%s: %+v (%v), want %+v", rel, got, ok, want)
		}
	}
	if _, ok := gitrepo.Open(t.TempDir(), confine.NewReader(confine.Options{})); ok {
		t.Error("a folder outside any repository opened as one")
	}
}

// TestLinkedWorktreeAndSHA256: a SHA-256 repository made by git itself is read; a linked
// worktree (.git is a file naming a git folder outside its tree) is not followed there.
func TestLinkedWorktreeAndSHA256(t *testing.T) {
	for _, format := range []string{"sha1", "sha256"} {
		t.Run(format, func(t *testing.T) {
			main := filepath.Join(t.TempDir(), "main")
			if err := os.MkdirAll(filepath.Join(main, "deploy"), 0o755); err != nil {
				t.Fatal(err)
			}
			gittest.Run(t, main, "init", "-q", "--object-format="+format)
			for rel, content := range map[string]string{"deploy/.env": "A=1\n", "deploy/users.acl": "user default off\n"} {
				if err := os.WriteFile(filepath.Join(main, filepath.FromSlash(rel)), []byte(content), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			gittest.Run(t, main, "add", "deploy/.env")
			gittest.Run(t, main, "commit", "-q", "-m", "env")
			if err := os.WriteFile(filepath.Join(main, ".git", "info", "exclude"), []byte("*.acl\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			linked := filepath.Join(filepath.Dir(main), "linked")
			gittest.Run(t, main, "worktree", "add", "-q", linked)
			if err := os.WriteFile(filepath.Join(linked, "deploy", "users.acl"), []byte("user default off\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			if _, ok := gitrepo.Open(filepath.Join(linked, "deploy"), confine.NewReader(confine.Options{})); ok {
				t.Errorf("a linked worktree's .git file was followed to %s, outside its tree", main)
			}
			for _, top := range []string{main} {
				r, ok := gitrepo.Open(filepath.Join(top, "deploy"), confine.NewReader(confine.Options{}))
				if !ok {
					t.Fatalf("%s: not opened", top)
				}
				if s, _ := r.Status(filepath.Join(top, "deploy", ".env")); !s.Tracked || s.Ignored {
					t.Errorf("%s: deploy/.env %+v, want tracked", top, s)
				}
				if s, _ := r.Status(filepath.Join(top, "deploy", "users.acl")); s.Tracked || !s.Ignored {
					t.Errorf("%s: deploy/users.acl %+v, want ignored by info/exclude", top, s)
				}
			}
		})
	}
}

// TestFIFOsDoNotBlock: a copied or made-up tree can hold FIFOs where git keeps its files
// (.gitignore, index, config, info/exclude, a .git file); reading one would block the scan
// forever. Each is read as missing instead.
func TestFIFOsDoNotBlock(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{".git/info", "app", "linked"} {
		if err := os.MkdirAll(filepath.Join(root, filepath.FromSlash(d)), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(root, ".git", "HEAD"), []byte("ref: refs/heads/main\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{".gitignore", "app/.gitignore", ".git/index", ".git/config", ".git/info/exclude", "linked/.git"} {
		if err := syscall.Mkfifo(filepath.Join(root, filepath.FromSlash(f)), 0o644); err != nil {
			t.Skipf("cannot make a FIFO here: %v", err)
		}
	}
	done := make(chan gitrepo.Status, 1)
	go func() {
		r, ok := gitrepo.Open(filepath.Join(root, "app"), confine.NewReader(confine.Options{}))
		if !ok {
			t.Error("the work tree with FIFOs for files was not opened")
			done <- gitrepo.Status{}
			return
		}
		s, _ := r.Status(filepath.Join(root, "app", ".env"))
		// linked/.git is a FIFO: not a work tree top, so the outer one is found.
		if r2, ok := gitrepo.Open(filepath.Join(root, "linked"), confine.NewReader(confine.Options{})); ok {
			s2, _ := r2.Status(filepath.Join(root, "linked", ".env"))
			s.Tracked = s.Tracked || s2.Tracked
		}
		done <- s
	}()
	select {
	case s := <-done:
		if s.Tracked || s.Ignored {
			t.Errorf("status %+v from FIFOs", s)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("reading git metadata blocked on a FIFO")
	}
}

// TestMetadataThroughTheReader: git's files are read through the scan's reader, each inside
// the folder git keeps it in: a .gitignore that is a symlink out of the work tree is not read,
// and what is read counts against the scan's budget.
func TestMetadataThroughTheReader(t *testing.T) {
	root := t.TempDir()
	if _, err := git.PlainInit(root, false); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(t.TempDir(), "ignore")
	if err := os.WriteFile(outside, []byte("*.env\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(root, ".gitignore")); err != nil {
		t.Skipf("symlinks unavailable: %v", err)
	}
	if err := os.MkdirAll(filepath.Join(root, ".git", "info"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, ".git", "info", "exclude"), []byte("local.env\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	rd := confine.NewReader(confine.Options{})
	r, ok := gitrepo.Open(root, rd)
	if !ok {
		t.Fatal("work tree not found")
	}
	if s, _ := r.Status(filepath.Join(root, "app.env")); s.Ignored {
		t.Error("the .gitignore behind a symlink out of the work tree was read")
	}
	if s, _ := r.Status(filepath.Join(root, "local.env")); !s.Ignored {
		t.Error("info/exclude was not read")
	}
	if rd.Used() < int64(len("local.env\n")) {
		t.Errorf("the reader was charged %d bytes", rd.Used())
	}
}

// TestGitFileOutsideTreeNotFollowed: a committed .git file naming another folder (here a real
// repository beside the tree) is not followed, and git's files there are never read.
func TestGitFileOutsideTreeNotFollowed(t *testing.T) {
	base := t.TempDir()
	other := filepath.Join(base, "other")
	if err := os.MkdirAll(other, 0o755); err != nil {
		t.Fatal(err)
	}
	gittest.Run(t, other, "init", "-q")
	tree := filepath.Join(base, "tree")
	if err := os.MkdirAll(tree, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, gitdir := range []string{filepath.Join(other, ".git"), "../other/.git"} {
		if err := os.WriteFile(filepath.Join(tree, ".git"), []byte("gitdir: "+gitdir+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		r := confine.NewReader(confine.Options{})
		if _, ok := gitrepo.Open(tree, r); ok {
			t.Errorf("gitdir %s outside the tree was followed", gitdir)
		}
		if r.Used() > int64(len("gitdir: "+gitdir+"\n")) {
			t.Errorf("gitdir %s: %d bytes read, more than the .git file itself", gitdir, r.Used())
		}
	}
}
