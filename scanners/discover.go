package scanners

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/deploylint/deploylint/scanners/confine"
)

// Target is one file to scan.
type Target struct {
	// Path is the file as the OS opens it.
	Path string
	// Rel is the slash-separated path reported to the user: relative to the scan root for
	// files found by walking a directory, as given for files named on the command line.
	Rel string
	// Root is the directory the file was found under; nothing outside it is read.
	Root string
	// Kind is the scanner kind chosen for the file.
	Kind string
	// Explicit is true for a file named on the command line.
	Explicit bool
	// Context marks a file read only for what it tells about others (the .env beside a named
	// users.acl): it is parsed and attached to its stack, but nothing is reported on it.
	Context bool
}

// Skipped records a path deliberately left out, for the user to see with --verbose.
type Skipped struct {
	Rel    string
	Reason string
	// Root is the folder Rel is relative to ("" for a path as given).
	Root string
}

// DiscoverOptions tunes discovery.
type DiscoverOptions struct {
	// Kinds forces a kind for slash paths relative to their root (or as given).
	Kinds map[string]string
	// SniffBytes bounds how much of a file kind detection reads.
	SniffBytes int
	// Exclude, when set, names slash paths (relative to their root, or as given) never to
	// read; an excluded folder is not descended.
	Exclude func(rel string) bool
	// Reader reads the heads that content sniffs look at: the scan's reader, so that sniffing
	// is confined and charged like every other read. Nil reads them with no budget.
	Reader *confine.Reader
}

// skipDirs are never descended into: version control, dependencies, vendored code.
var skipDirs = map[string]bool{".git": true, "node_modules": true, "vendor": true}

// Discover walks the given paths and returns the files of a kind in reg, sorted by Rel. An
// error is returned only for a path that cannot be read at all; the caller exits 2.
func Discover(paths []string, reg *Registry, opt DiscoverOptions) ([]Target, []Skipped, error) {
	list := reg.Scanners()
	if opt.SniffBytes <= 0 {
		opt.SniffBytes = 4096
	}
	if opt.Reader == nil {
		opt.Reader = confine.NewReader(confine.Options{})
	}
	byKind := make(map[string]Scanner, len(list))
	for _, s := range list {
		byKind[s.Kind()] = s
	}
	var targets []Target
	var skipped []Skipped
	seen := map[string]bool{}
	add := func(t Target) {
		if !seen[t.Path] {
			seen[t.Path] = true
			targets = append(targets, t)
		}
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, nil, fmt.Errorf("scan %s: %w", p, err)
		}
		if !info.IsDir() {
			rel := filepath.ToSlash(filepath.Clean(p))
			if opt.Exclude != nil && opt.Exclude(rel) {
				continue
			}
			if !info.Mode().IsRegular() {
				// A FIFO or device would block or never end when read.
				skipped = append(skipped, Skipped{Rel: rel, Reason: "not a regular file"})
				continue
			}
			root := filepath.Dir(p)
			// A file below the working directory (a pre-commit hook's file list) belongs to the
			// working directory's tree, so the .env of its deployment directory gives context.
			if wd, err := os.Getwd(); err == nil && !filepath.IsAbs(p) && filepath.IsLocal(p) {
				root = wd
				rel = filepath.ToSlash(filepath.Clean(p))
			}
			// A named file that is a symlink is read only when it resolves inside its tree: a
			// committed link to /etc/passwd must not be read by a hook that was handed its name.
			if !Inside(root, p) {
				skipped = append(skipped, Skipped{Rel: rel, Reason: "symlink leads out of the scan root; not followed"})
				continue
			}
			kind, err := classify(root, p, rel, true, list, byKind, opt)
			if err != nil {
				return nil, nil, fmt.Errorf("scan %s: %w", p, err)
			}
			if kind == "" {
				skipped = append(skipped, Skipped{Rel: rel, Reason: "unknown kind"})
				continue
			}
			add(Target{Path: p, Rel: rel, Root: root, Kind: kind, Explicit: true})
			continue
		}
		found, sk, err := walk(p, list, byKind, opt)
		if err != nil {
			return nil, nil, err
		}
		skipped = append(skipped, sk...)
		for _, t := range found {
			add(t)
		}
	}
	targets = append(targets, contextFiles(targets, seen, reg.EnvKind())...)
	sort.SliceStable(targets, func(i, j int) bool { return targets[i].Rel < targets[j].Rel })
	return targets, skipped, nil
}

// contextFiles adds, for files named explicitly inside the working directory, the .env of
// their folder and of each parent up to the working directory, as context only.
func contextFiles(targets []Target, seen map[string]bool, envKind string) []Target {
	var out []Target
	if envKind == "" {
		return nil
	}
	for _, t := range targets {
		if !t.Explicit || filepath.IsAbs(t.Path) || !filepath.IsLocal(t.Path) {
			continue
		}
		for d := filepath.Dir(t.Path); ; d = filepath.Dir(d) {
			env := filepath.Join(d, ".env")
			if !seen[env] {
				if st, err := os.Stat(env); err == nil && st.Mode().IsRegular() {
					seen[env] = true
					out = append(out, Target{Path: env, Rel: filepath.ToSlash(filepath.Clean(env)), Root: t.Root, Kind: envKind, Explicit: true, Context: true})
				}
			}
			if d == "." || d == filepath.Dir(d) {
				break
			}
		}
	}
	return out
}

func walk(root string, list []Scanner, byKind map[string]Scanner, opt DiscoverOptions) ([]Target, []Skipped, error) {
	var targets []Target
	var skipped []Skipped
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		rel := relSlash(root, p)
		if err != nil {
			if p == root {
				return fmt.Errorf("scan %s: %w", root, err)
			}
			skipped = append(skipped, Skipped{Rel: rel, Reason: describeWalkError(err), Root: root})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p != root && opt.Exclude != nil && opt.Exclude(rel) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if p != root && skipDirs[d.Name()] {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			// Symlinked files are followed only when they resolve inside the root; symlinked
			// directories are not descended at all (WalkDir does not), which also rules out loops.
			// Only a link whose name alone makes it a configuration file is worth a word: a
			// dangling docs/latest link is nobody's concern.
			// Outside first: whether a link out of the root is broken is none of our business.
			st, err := opt.Reader.Stat(root, p)
			if errors.Is(err, confine.ErrOutsideRoot) {
				if namedByKind(rel, list) {
					skipped = append(skipped, Skipped{Rel: rel, Reason: "symlink leads out of the scan root; not followed", Root: root})
				}
				return nil
			}
			if err != nil {
				if namedByKind(rel, list) {
					skipped = append(skipped, Skipped{Rel: rel, Reason: "broken or looping symlink", Root: root})
				}
				return nil
			}
			if !st.Mode().IsRegular() {
				return nil
			}
		} else if !d.Type().IsRegular() {
			return nil
		}
		kind, err := classify(root, p, rel, false, list, byKind, opt)
		if err != nil {
			skipped = append(skipped, Skipped{Rel: rel, Reason: describeWalkError(err), Root: root})
			return nil
		}
		if kind != "" {
			targets = append(targets, Target{Path: p, Rel: rel, Root: root, Kind: kind})
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return targets, skipped, nil
}

// namedByKind reports whether some scanner claims rel by its name alone.
func namedByKind(rel string, list []Scanner) bool {
	for _, s := range list {
		if s.Match(rel) == Match {
			return true
		}
	}
	return false
}

// describeWalkError keeps the reason and drops the path the error repeats.
func describeWalkError(err error) string {
	var se *confine.Error
	if errors.As(err, &se) {
		return confine.Reason(err)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Op + ": " + pe.Err.Error()
	}
	return err.Error()
}

// classify picks a kind: a forced kind first, then the first scanner whose name rule decides,
// then the first whose name rule allows it and whose content sniff confirms. Explicit files
// that no name rule settles are sniffed by every scanner.
func classify(root, p, rel string, explicit bool, list []Scanner, byKind map[string]Scanner, opt DiscoverOptions) (string, error) {
	if k, ok := forcedKind(opt.Kinds, rel); ok {
		if _, known := byKind[k]; !known {
			return "", fmt.Errorf("unknown kind %q", k)
		}
		return k, nil
	}
	var maybe []Scanner
	for _, s := range list {
		switch s.Match(rel) {
		case Match:
			return s.Kind(), nil
		case ExplicitOnly:
			if explicit {
				return s.Kind(), nil
			}
		case MaybeMatch:
			maybe = append(maybe, s)
		case NoMatch:
		}
	}
	if explicit {
		// A file named on the command line is whatever its content says, even when a name
		// rule only suggested other kinds: the suggestions first, then every scanner.
		maybe = append(maybe, list...)
	}
	if len(maybe) == 0 {
		return "", nil
	}
	head, err := opt.Reader.ReadHead(root, p, opt.SniffBytes)
	if err != nil {
		return "", err
	}
	for _, s := range maybe {
		if s.Sniff(head) {
			return s.Kind(), nil
		}
	}
	return "", nil
}

// forcedKind finds the kind a user forced for rel: an exact path first, then the first glob
// (path.Match syntax, "**/" allowed as a leading "any folders") in sorted order.
func forcedKind(kinds map[string]string, rel string) (string, bool) {
	if k, ok := kinds[rel]; ok {
		return k, true
	}
	patterns := make([]string, 0, len(kinds))
	for p := range kinds {
		patterns = append(patterns, p)
	}
	sort.Strings(patterns)
	for _, p := range patterns {
		if ok, _ := path.Match(p, rel); ok {
			return kinds[p], true
		}
		if rest, found := strings.CutPrefix(p, "**/"); found {
			if ok, _ := path.Match(rest, path.Base(rel)); ok && !strings.Contains(rest, "/") {
				return kinds[p], true
			}
			for d := rel; d != "." && d != "/"; d = path.Dir(d) {
				if ok, _ := path.Match(rest, strings.TrimPrefix(rel, path.Dir(d)+"/")); ok {
					return kinds[p], true
				}
			}
		}
	}
	return "", false
}

func relSlash(root, p string) string {
	r, err := filepath.Rel(root, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(r)
}

// Inside reports whether path p lies inside root (or is root), its symlinks resolved as the
// reader resolves them: what a format names beside its file (a bind mount, a secret file)
// must pass this check before it is reported as part of the tree.
func Inside(root, p string) bool { return confine.Inside(root, p) }

// InGitWorkTree reports whether dir or one of its parents holds a .git entry (a directory, or
// the file a worktree or submodule uses). Nothing of git is run or read beyond that.
func InGitWorkTree(dir string) bool {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return false
	}
	for d := abs; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return true
		}
		if filepath.Dir(d) == d {
			return false
		}
	}
}

// MountedKind is the kind of the file at p (inside root) that a container sees at target, a
// bind mount's container path: the kind target's name would have, its content confirming where
// a name only suggests one. A users.acl mounted at /usr/local/etc/redis/users.acl is a Redis
// ACL file under any name in the tree; "" when target's name tells no kind.
func MountedKind(root, p, target string, reg *Registry, r *confine.Reader) (string, error) {
	name := strings.TrimLeft(path.Clean("/"+filepath.ToSlash(target)), "/")
	if name == "" {
		return "", nil
	}
	list := reg.Scanners()
	opt := DiscoverOptions{Reader: r, SniffBytes: 4096}
	return classify(root, p, name, false, list, nil, opt)
}
