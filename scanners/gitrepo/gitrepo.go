// Package gitrepo answers, for files of a git work tree, whether git tracks them and whether
// its ignore rules cover them. It reads the repository with go-git (index, .gitignore files at
// every level, .git/info/exclude) and never runs git: a scanned repository's configuration
// (hooks, fsmonitor) can then execute nothing.
package gitrepo

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// Repo is an opened work tree.
type Repo struct {
	root    string
	tracked map[string]bool
	ignore  gitignore.Matcher
}

// Open finds the work tree that contains dir; ok is false outside any.
func Open(dir string) (*Repo, bool) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, false
	}
	r, err := git.PlainOpenWithOptions(abs, &git.PlainOpenOptions{DetectDotGit: true})
	if err != nil {
		return nil, false
	}
	wt, err := r.Worktree()
	if err != nil {
		return nil, false
	}
	root := wt.Filesystem.Root()
	repo := &Repo{root: root, tracked: map[string]bool{}}
	if idx, err := r.Storer.Index(); err == nil {
		for _, e := range idx.Entries {
			repo.tracked[e.Name] = true
		}
	}
	patterns, _ := gitignore.ReadPatterns(osfs.New(root), nil)
	patterns = append(patterns, readExclude(filepath.Join(root, ".git", "info", "exclude"))...)
	repo.ignore = gitignore.NewMatcher(patterns)
	return repo, true
}

func readExclude(p string) []gitignore.Pattern {
	f, err := os.Open(p)
	if err != nil {
		return nil
	}
	defer f.Close()
	var ps []gitignore.Pattern
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l != "" && !strings.HasPrefix(l, "#") {
			ps = append(ps, gitignore.ParsePattern(l, nil))
		}
	}
	return ps
}

// Status is what git knows of one file.
type Status struct {
	Tracked bool
	Ignored bool
}

// Status of the file at path (any form); ok is false for a path outside the work tree.
func (r *Repo) Status(path string) (Status, bool) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return Status{}, false
	}
	rel, err := filepath.Rel(r.root, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return Status{}, false
	}
	slash := filepath.ToSlash(rel)
	return Status{
		Tracked: r.tracked[slash],
		Ignored: r.ignore.Match(strings.Split(slash, "/"), false),
	}, true
}
