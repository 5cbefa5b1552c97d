package confine

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
)

// Glob expands pattern (filepath.Match syntax, relative to dir unless absolute) confined to
// root, and returns the matches as filepath.Glob would spell them, sorted. The folder part
// without wildcards is checked before anything is listed: a pattern that leads out of the
// root lists nothing and gives ErrOutsideRoot, the same answer whether or not the outside
// folder exists. A wildcard folder that is a symlink out of the root is not descended; the
// matches found elsewhere are returned with an ErrSymlinkOutside error. Matches are names,
// not checked files: read them with ReadFile. A malformed pattern gives
// filepath.ErrBadPattern.
func (r *Reader) Glob(root, dir, pattern string) ([]string, error) {
	if _, err := filepath.Match(pattern, ""); err != nil {
		return nil, err
	}
	full := filepath.Clean(pattern)
	if !filepath.IsAbs(pattern) {
		full = filepath.Join(dir, pattern)
	}
	d, err := r.rootOf(root)
	if err != nil {
		return nil, &Error{Op: "list", Rel: ".", Err: err}
	}
	rel, inside := d.rel(full)
	slash := filepath.ToSlash(rel)
	if !inside {
		return nil, &Error{Op: "list", Rel: slash, Err: ErrOutsideRoot}
	}
	comps := split(rel)
	if len(comps) == 0 {
		return []string{full}, nil // the root itself, which rootOf found
	}
	// The folder before the first wildcard is walked, the rest expanded; a pattern without
	// wildcards expands its last component (an lstat, as filepath.Glob does).
	first := len(comps) - 1
	for i, c := range comps {
		if hasMeta(c) {
			first = i
			break
		}
	}
	lex := full // how the matches are spelled: full without the components to expand
	for range comps[first:] {
		lex = filepath.Dir(lex)
	}
	g := globber{r: r, d: d}
	parent, info, err := r.walk(d, strings.Join(comps[:first], string(filepath.Separator)))
	switch {
	case errors.Is(err, ErrOutsideRoot):
		return nil, &Error{Op: "list", Rel: slash, Err: err}
	case err != nil, !info.IsDir():
		return nil, nil // as filepath.Glob: a folder that is not there matches nothing
	}
	g.expand(lex, parent, info, comps[first:])
	sort.Strings(g.out)
	if g.outside {
		return g.out, &Error{Op: "list", Rel: slash, Err: ErrSymlinkOutside}
	}
	return g.out, nil
}

type globber struct {
	r       *Reader
	d       rootDir
	out     []string
	outside bool
}

// expand matches rest against the folder real (spelled lex), which the walk validated as info.
func (g *globber) expand(lex, real string, info fs.FileInfo, rest []string) {
	pat, last := rest[0], len(rest) == 1
	var names []string
	if hasMeta(pat) {
		all, err := g.r.list(real, info)
		if err != nil {
			return // as filepath.Glob: a folder that cannot be listed matches nothing
		}
		for _, n := range all {
			if ok, _ := filepath.Match(pat, n); ok {
				names = append(names, n)
			}
		}
	} else {
		// lstat inside a validated folder: a dangling link matches, as with filepath.Glob.
		if _, err := g.r.shared.ops.lstat(filepath.Join(real, pat)); err != nil {
			return
		}
		names = []string{pat}
	}
	for _, n := range names {
		if last {
			g.out = append(g.out, filepath.Join(lex, n))
			continue
		}
		rel, _ := below(g.d.real, filepath.Join(real, n))
		sub, si, err := g.r.walk(g.d, rel)
		switch {
		case errors.Is(err, ErrOutsideRoot):
			g.outside = true
		case err == nil && si.IsDir():
			g.expand(filepath.Join(lex, n), sub, si, rest[1:])
		}
	}
}

// list reads the names in the folder real, which must still be the folder info describes.
func (r *Reader) list(real string, info fs.FileInfo) ([]string, error) {
	f, err := r.shared.ops.open(real, true)
	if err != nil {
		return nil, openError(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, ioError(err)
	}
	if !os.SameFile(info, st) {
		return nil, ErrChanged
	}
	names, err := f.Readdirnames(-1)
	if err != nil {
		return nil, ioError(err)
	}
	sort.Strings(names)
	return names, nil
}

// hasMeta is filepath's test for a pattern component.
func hasMeta(p string) bool {
	magic := `*?[`
	if runtime.GOOS != "windows" {
		magic = `*?[\`
	}
	return strings.ContainsAny(p, magic)
}
