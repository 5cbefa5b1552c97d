// Package gitrepo answers, for files of a git work tree, whether git tracks them and whether
// its ignore rules cover them. It reads the repository's files itself (the index through
// gitindex, .git/info/exclude, and the .gitignore files on the way from the top to each file
// asked about) and never runs git: a scanned repository's configuration (hooks, fsmonitor) can
// then execute nothing.
package gitrepo

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"

	"github.com/deploylint/deploylint/scanners/confine"
	"github.com/deploylint/deploylint/scanners/gitindex"
)

// Repo is an opened work tree. It is safe for concurrent use.
type Repo struct {
	// meta reads git's small files and big its index: the scan's reader under limits of their
	// own, each file confined to the folder git keeps it in.
	meta, big *confine.Reader
	root      string
	gitDir    string // this work tree's git folder (a linked worktree has its own)
	common    string // the repository's shared git folder: config, info/exclude
	exclude   []gitignore.Pattern

	// The index is read on the first question about tracking: a scan that asks none (no .env
	// or users.acl among its files) never reads a monorepo's 4 MB index.
	indexOnce sync.Once
	index     *gitindex.Index

	mu sync.Mutex
	// dirs caches each folder's .gitignore patterns. Only the folders above a file asked
	// about are read: a monorepo's other thousand .gitignore files cannot change the answer,
	// and reading them all made every pre-commit run pay for the whole tree.
	dirs map[string][]gitignore.Pattern
}

// Open finds the work tree that contains dir; ok is false outside any. Every file of git's is
// read through r, the scan's reader (not nil).
func Open(dir string, r *confine.Reader) (*Repo, bool) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, false
	}
	meta := r.WithMaxFileSize(maxMetaFile)
	for d := abs; ; d = filepath.Dir(d) {
		if gitDir, ok := gitDirOf(meta, d); ok {
			repo := &Repo{meta: meta, big: r.WithMaxFileSize(maxIndexFile), root: d, gitDir: gitDir, common: commonDir(meta, d, gitDir), dirs: map[string][]gitignore.Pattern{}}
			repo.exclude = readPatterns(meta, repo.common, filepath.Join(repo.common, "info", "exclude"), nil)
			return repo, true
		}
		if d == filepath.Dir(d) {
			return nil, false
		}
	}
}

// gitDirOf returns the git folder of a work tree whose top is dir: dir/.git, or the folder a
// .git file names (a linked worktree or a submodule: "gitdir: PATH").
func gitDirOf(r *confine.Reader, dir string) (string, bool) {
	dotgit := filepath.Join(dir, ".git")
	st, err := os.Stat(dotgit)
	if err != nil {
		return "", false
	}
	gitDir := dotgit
	if !st.IsDir() {
		b, err := r.ReadFile(dir, dotgit)
		if err != nil {
			return "", false
		}
		p, ok := strings.CutPrefix(strings.TrimSpace(string(b)), "gitdir:")
		if !ok {
			return "", false
		}
		gitDir = strings.TrimSpace(p)
		if !filepath.IsAbs(gitDir) {
			gitDir = filepath.Join(dir, gitDir)
		}
		// A .git file is a line anyone can commit: one naming a folder outside the work tree
		// (another repository, /etc) would have the scan read there. A linked worktree or a
		// submodule, whose git folder lives elsewhere, is read as having no git metadata.
		if !confine.Inside(dir, gitDir) {
			return "", false
		}
	}
	if _, err := os.Stat(filepath.Join(gitDir, "HEAD")); err != nil {
		return "", false
	}
	return gitDir, true
}

// commonDir is where a linked worktree's git folder points for what all worktrees share.
func commonDir(r *confine.Reader, top, gitDir string) string {
	b, err := r.ReadFile(gitDir, filepath.Join(gitDir, "commondir"))
	if err != nil {
		return gitDir
	}
	p := strings.TrimSpace(string(b))
	if !filepath.IsAbs(p) {
		p = filepath.Join(gitDir, p)
	}
	if !confine.Inside(top, p) {
		return gitDir // the shared folder lies outside the work tree: not read
	}
	return p
}

// Limits on what git metadata deploylint reads: generous for real repositories (a 100,000-file
// index is about 10 MB, above --max-file-size's default, which is about configuration files),
// bounded for made-up ones. Both still count against the scan's budget.
const (
	maxMetaFile  = 1 << 20
	maxIndexFile = 512 << 20
)

// hashSize is the object name length of the repository: 32 bytes when its config sets
// extensions.objectFormat = sha256, else 20 (SHA-1).
func (r *Repo) hashSize() int {
	b, err := r.meta.ReadFile(r.common, filepath.Join(r.common, "config"))
	if err != nil {
		return 20
	}
	section := ""
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(l, "[") {
			section = strings.ToLower(strings.Trim(l, "[] \t"))
			continue
		}
		k, v, ok := strings.Cut(l, "=")
		if ok && section == "extensions" && strings.EqualFold(strings.TrimSpace(k), "objectformat") &&
			strings.EqualFold(strings.TrimSpace(v), "sha256") {
			return 32
		}
	}
	return 20
}

// tracked says whether the index lists the slash path. An index that cannot be read (none
// yet, damaged, split) tracks nothing: a rule about committed files then stays silent.
func (r *Repo) tracked(slash string) bool {
	r.indexOnce.Do(func() {
		b, err := r.big.ReadFile(r.gitDir, filepath.Join(r.gitDir, "index"))
		if err != nil {
			return
		}
		r.index, _ = gitindex.Parse(b, r.hashSize())
	})
	return r.index != nil && r.index.Tracked(slash)
}

// readPatterns reads one ignore file p inside root; domain is the folder it applies to, as
// path elements.
func readPatterns(r *confine.Reader, root, p string, domain []string) []gitignore.Pattern {
	b, err := r.ReadFile(root, p)
	if err != nil {
		return nil
	}
	var ps []gitignore.Pattern
	sc := bufio.NewScanner(bytes.NewReader(b))
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
			dps = readPatterns(r.meta, r.root, filepath.Join(r.root, filepath.FromSlash(dir), ".gitignore"), parts[:i:i])
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
		Tracked: r.tracked(slash),
		Ignored: r.matcher(slash).Match(strings.Split(slash, "/"), false),
	}, true
}
