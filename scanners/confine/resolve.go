package confine

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// maxLinks bounds the symlinks one walk follows, as the kernel's ELOOP does (Linux: 40).
const maxLinks = 40

// rootDir is a confinement root: as given (made absolute) and with its own symlinks resolved.
// The root itself is trusted (the user named it); only what lies below is checked.
type rootDir struct{ abs, real string }

func (r *Reader) rootOf(root string) (rootDir, error) {
	if v, ok := r.shared.roots.Load(root); ok {
		return v.(rootDir), nil
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return rootDir{}, err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return rootDir{}, ioError(err)
	}
	d := rootDir{abs: abs, real: real}
	r.shared.roots.Store(root, d)
	return d, nil
}

// rel returns name relative to the root, lexically, and whether it lies inside. A name made
// from the root as given or from its resolved form both count.
func (d rootDir) rel(name string) (string, bool) {
	abs, err := filepath.Abs(name)
	if err != nil {
		return filepath.ToSlash(name), false
	}
	for _, base := range []string{d.abs, d.real} {
		if r, ok := below(base, abs); ok {
			return r, true
		}
	}
	if r, err := filepath.Rel(d.abs, abs); err == nil {
		return r, false
	}
	return filepath.Base(abs), false
}

// below returns p relative to base when p is base or lies under it (both clean and absolute).
func below(base, p string) (string, bool) {
	if p == base {
		return ".", true
	}
	prefix := base
	if !strings.HasSuffix(prefix, string(filepath.Separator)) {
		prefix += string(filepath.Separator)
	}
	if rest, ok := strings.CutPrefix(p, prefix); ok {
		return rest, true
	}
	return "", false
}

// target is a name resolved inside its root.
type target struct {
	real string      // the path with every symlink resolved, inside the root's real path
	info fs.FileInfo // lstat of real: what the walk validated
	rel  string      // the name as asked, relative to the root, slash-separated
}

// resolve confines name to root and resolves its symlinks. Errors are *Error.
func (r *Reader) resolve(op, root, name string) (target, error) {
	d, err := r.rootOf(root)
	if err != nil {
		return target{}, &Error{Op: op, Rel: ".", Err: err}
	}
	rel, inside := d.rel(name)
	slash := filepath.ToSlash(rel)
	if !inside {
		return target{}, &Error{Op: op, Rel: slash, Err: ErrOutsideRoot}
	}
	real, info, err := r.walk(d, rel)
	if err != nil {
		return target{}, &Error{Op: op, Rel: slash, Err: err}
	}
	return target{real: real, info: info, rel: slash}, nil
}

// walk resolves rel (clean, relative to the root) one component at a time, as the kernel
// would, and refuses the first step that would leave the root: a ".." above it, or an
// absolute symlink target elsewhere. Nothing outside the root is ever lstat'ed or listed, so
// an outside path's existence cannot change the answer.
func (r *Reader) walk(d rootDir, rel string) (string, fs.FileInfo, error) {
	cur := d.real
	var info fs.FileInfo
	todo := split(rel)
	links := 0
	for len(todo) > 0 {
		c := todo[0]
		todo = todo[1:]
		switch c {
		case ".":
			continue
		case "..":
			if cur == d.real {
				return "", nil, ErrSymlinkOutside // a clean rel has no "..": it came from a link
			}
			cur, info = filepath.Dir(cur), nil
			continue
		}
		next := filepath.Join(cur, c)
		fi, err := r.shared.ops.lstat(next)
		if err != nil {
			return "", nil, ioError(err)
		}
		if fi.Mode()&fs.ModeSymlink != 0 {
			if links++; links > maxLinks {
				return "", nil, syscall.ELOOP
			}
			link, err := r.shared.ops.readlink(next)
			if err != nil {
				return "", nil, ioError(err)
			}
			if filepath.IsAbs(link) {
				lr, ok := d.rel(link)
				if !ok {
					return "", nil, ErrSymlinkOutside
				}
				cur, link = d.real, lr
			}
			todo = append(split(link), todo...)
			info = nil
			continue
		}
		if len(todo) > 0 && !fi.IsDir() {
			return "", nil, fs.ErrNotExist // what the kernel calls ENOTDIR
		}
		cur, info = next, fi
	}
	if info == nil { // the root itself, or a folder reached by ".."
		fi, err := r.shared.ops.lstat(cur)
		if err != nil {
			return "", nil, ioError(err)
		}
		info = fi
	}
	return cur, info, nil
}

// split cuts a path into its components, dropping empty ones ("a//b", a trailing "/").
func split(p string) []string {
	var out []string
	for _, c := range strings.Split(p, string(filepath.Separator)) {
		if c != "" {
			out = append(out, c)
		}
	}
	return out
}

// Inside reports whether name, with its symlinks resolved as the Reader resolves them, stays
// inside root. A name that does not exist but lies inside lexically is inside: what a
// configuration names (a bind mount's source) may not be there yet.
func Inside(root, name string) bool {
	r := &Reader{shared: &shared{ops: osOps()}}
	d, err := r.rootOf(root)
	if err != nil { // a root that is not there: judge by the names alone
		_, ok := rootDir{abs: absOr(root), real: absOr(root)}.rel(name)
		return ok
	}
	rel, ok := d.rel(name)
	if !ok {
		return false
	}
	_, _, err = r.walk(d, rel)
	return !errors.Is(err, ErrOutsideRoot)
}

func absOr(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// Rel is name relative to root as a slash path, lexically ("../x" for a name outside): how
// a skipped file is named to the user.
func Rel(root, name string) string {
	rel, _ := rootDir{abs: absOr(root), real: absOr(root)}.rel(name)
	return filepath.ToSlash(rel)
}

// openNoFollow is the open every read uses: read-only, never blocking on a FIFO, never following
// a symlink in the last component (the walk resolved them all).
func openNoFollow(name string, dir bool) (*os.File, error) {
	flag := os.O_RDONLY | oNonblock | oNoFollow
	if dir {
		flag |= oDirectory
	}
	return os.OpenFile(name, flag, 0)
}
