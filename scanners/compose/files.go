package compose

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"slices"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/confine"
)

// files reads what a compose file pulls in beside it (.env, the override, env_file and
// extends files) through the scan's reader, each file once, and keeps what the reader
// refused for the document's Skipped.
type files struct {
	rd       *confine.Reader
	root     string
	dir, rel string // the compose file's folder (an OS path) and its document path
	cache    map[string]cached
	skipped  []scanners.Skipped
	refs     []scanners.Reference
	envKind  string // the kind an env_file is read as
}

type cached struct {
	src []byte
	err error
}

func (f *files) rootDir() string {
	if f == nil {
		return ""
	}
	return f.root
}

// read reads p; a refusal other than "not there" is recorded as a skipped file.
func (f *files) read(p string) ([]byte, error) {
	if c, ok := f.cache[p]; ok {
		return c.src, c.err
	}
	b, err := f.rd.ReadFile(f.root, p)
	f.cache[p] = cached{src: b, err: err}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		f.skip(p, err)
	}
	return b, err
}

// firstExisting returns the first of names that is a regular file in the compose file's
// folder, inside the root.
func (f *files) firstExisting(names []string) string {
	for _, n := range names {
		if st, err := f.rd.Stat(f.root, filepath.Join(f.dir, n)); err == nil && st.Mode().IsRegular() {
			return n
		}
	}
	return ""
}

func (f *files) abs(workingDir, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(workingDir, p)
}

// relOf spells p as the document paths are spelled: the compose file's path with its name
// replaced by p's path from the compose file's folder.
func (f *files) relOf(p string) string {
	r, err := filepath.Rel(absPath(f.dir), absPath(p))
	if err != nil {
		return filepath.ToSlash(filepath.Base(p))
	}
	return path.Join(path.Dir(f.rel), filepath.ToSlash(r))
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

func (f *files) skip(p string, err error) {
	f.add(scanners.Skipped{Rel: f.relOf(p), Reason: confine.Reason(err), Root: f.root})
}

// skipOutside records, on the compose file itself, a file it names outside the root: that
// file has no name in the tree, and what lies out there is not looked at.
func (f *files) skipOutside(what, p string) {
	r, err := filepath.Rel(absPath(f.dir), absPath(p))
	if err != nil {
		r = filepath.Base(p)
	}
	f.add(scanners.Skipped{Rel: f.rel, Reason: fmt.Sprintf("%s %s: outside the scan root; not read", what, filepath.ToSlash(r)), Root: f.root})
}

// refer records that the file at p (an OS path inside the root) is of kind.
func (f *files) refer(p, kind string) {
	ref := scanners.Reference{Rel: f.relOf(p), Kind: kind}
	if !slices.Contains(f.refs, ref) {
		f.refs = append(f.refs, ref)
	}
}

func (f *files) add(sk scanners.Skipped) {
	for _, s := range f.skipped {
		if s == sk {
			return
		}
	}
	f.skipped = append(f.skipped, sk)
}
