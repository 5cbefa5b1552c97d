// Package gitrepo answers, for files of a git work tree, whether git tracks them and whether
// its ignore rules cover them. It reads the repository with go-git (index, .git/info/exclude,
// and the .gitignore files on the way from the top to each file asked about) and never runs
// git: a scanned repository's configuration (hooks, fsmonitor) can then execute nothing.
package gitrepo

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// Repo is an opened work tree. It is safe for concurrent use.
type Repo struct {
	root    string
	tracked map[string]bool
	exclude []gitignore.Pattern

	mu sync.Mutex
	// dirs caches each folder's .gitignore patterns. Only the folders above a file asked
	// about are read: a monorepo's other thousand .gitignore files cannot change the answer,
	// and reading them all made every pre-commit run pay for the whole tree.
	dirs map[string][]gitignore.Pattern
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
	repo := &Repo{root: root, tracked: map[string]bool{}, dirs: map[string][]gitignore.Pattern{}}
	if idx, err := r.Storer.Index(); err == nil {
		for _, e := range idx.Entries {
			repo.tracked[e.Name] = true
		}
	}
	repo.exclude = readPatterns(filepath.Join(root, ".git", "info", "exclude"), nil)
	return repo, true
}

// readPatterns reads one ignore file; domain is the folder it applies to, as path elements.
func readPatterns(p string, domain []string) []gitignore.Pattern {
	f, err := os.Open(p)
	if err != nil {
		return nil
	}
	defer f.Close()
	var ps []gitignore.Pattern
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := sc.Text()
		if strings.TrimSpace(l) != "" && !strings.HasPrefix(l, "#") {
			ps = append(ps, gitignore.ParsePattern(l, domain))
		}
	}
	return ps
}

// matcher gathers, in git's order of priority, the patterns that can apply to a slash path:
// info/exclude, then every .gitignore from the top down to the file's folder.
func (r *Repo) matcher(slash string) gitignore.Matcher {
	parts := strings.Split(slash, "/")
	r.mu.Lock()
	defer r.mu.Unlock()
	ps := append([]gitignore.Pattern{}, r.exclude...)
	for i := 0; i < len(parts); i++ {
		// git reads no .gitignore inside an ignored folder: nothing there can un-ignore a file.
		if i > 0 && gitignore.NewMatcher(ps).Match(parts[:i], true) {
			break
		}
		dir := strings.Join(parts[:i], "/")
		dps, ok := r.dirs[dir]
		if !ok {
			dps = readPatterns(filepath.Join(r.root, filepath.FromSlash(dir), ".gitignore"), parts[:i:i])
			r.dirs[dir] = dps
		}
		ps = append(ps, dps...)
	}
	return gitignore.NewMatcher(ps)
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
		Ignored: r.matcher(slash).Match(strings.Split(slash, "/"), false),
	}, true
}
