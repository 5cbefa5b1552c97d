// Package confine is the one way deploylint reads a file: scan targets, the files a format
// pulls in beside them (nginx and redis.conf includes, compose's .env, override, env_file and
// extends files), git metadata, the configuration and policy folders.
//
// A scanned tree is untrusted input. Every read is confined to a root folder (symlinks are
// resolved one link at a time and the walk may not leave the root, whether or not the place
// it would lead to exists), is of a regular file only (a FIFO would block the scan forever, a
// device never ends), is at most a per-file size (checked before the file is opened, so a
// sparse 10 GiB file costs nothing), and is charged to a byte budget shared by the whole scan.
// What was checked is what is read: the opened file must be the one the walk validated.
//
// The package imports nothing of deploylint's, so the driver, every scanner, the configuration
// and the policy loader can share one Reader.
package confine

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
)

// DefaultMaxFileSize is the per-file limit when Options.MaxFileSize is 0 (--max-file-size's
// default).
const DefaultMaxFileSize = 10 << 20

// Options are a scan's reading limits.
type Options struct {
	// MaxFileSize is the largest file ReadFile returns, in bytes; 0 means DefaultMaxFileSize.
	MaxFileSize int64
	// Budget is the most bytes one Reader (one scan) reads over all its files; 0 means no limit.
	Budget int64
}

// Reader reads files under the limits of one scan. It is safe for concurrent use; views made
// with WithMaxFileSize share its budget.
type Reader struct {
	max    int64
	shared *shared
	cache  *Cache // nil: ReadCached reads every time
}

// shared is what every view of a Reader has in common.
type shared struct {
	budget int64
	used   atomic.Int64
	roots  sync.Map // root as given -> rootDir
	ops    ops
}

// ops are the system calls a read makes, a seam for tests that must see (or disturb) every
// path touched.
type ops struct {
	lstat    func(string) (fs.FileInfo, error)
	readlink func(string) (string, error)
	open     func(name string, dir bool) (*os.File, error)
}

func osOps() ops {
	return ops{lstat: os.Lstat, readlink: os.Readlink, open: openNoFollow}
}

// NewReader returns a Reader with the given limits.
func NewReader(opt Options) *Reader {
	if opt.MaxFileSize <= 0 {
		opt.MaxFileSize = DefaultMaxFileSize
	}
	return &Reader{max: opt.MaxFileSize, shared: &shared{budget: opt.Budget, ops: osOps()}}
}

// WithMaxFileSize returns a view of r with another per-file limit and the same budget, for a
// file whose natural size has nothing to do with --max-file-size (a large repository's git
// index).
func (r *Reader) WithMaxFileSize(n int64) *Reader {
	if n <= 0 {
		n = DefaultMaxFileSize
	}
	return &Reader{max: n, shared: r.shared, cache: r.cache}
}

// MaxFileSize is the largest file ReadFile returns.
func (r *Reader) MaxFileSize() int64 { return r.max }

// Used is how many bytes the Reader and its views have read so far.
func (r *Reader) Used() int64 { return r.shared.used.Load() }

// take charges n bytes to the budget, or refuses them all when they do not fit.
func (s *shared) take(n int64) bool {
	if s.budget <= 0 {
		s.used.Add(n)
		return true
	}
	for {
		u := s.used.Load()
		if u+n > s.budget {
			return false
		}
		if s.used.CompareAndSwap(u, u+n) {
			return true
		}
	}
}

// ReadFile reads the file name (an OS path) confined to root: the path and every symlink on it
// must stay inside root, the file must be regular and at most MaxFileSize bytes, and the bytes
// must fit the budget. Errors are *Error values naming the file relative to root; branch on
// them with errors.Is (ErrOutsideRoot, ErrNotRegular, ErrTooLarge, ErrBudget, ErrChanged,
// fs.ErrNotExist, fs.ErrPermission) or errors.As (*TooLargeError).
func (r *Reader) ReadFile(root, name string) ([]byte, error) {
	return r.read(root, name, r.max, true)
}

// ReadHead reads at most n bytes from the start of a file, under the same confinement as
// ReadFile but whatever its size: what a kind sniff looks at.
func (r *Reader) ReadHead(root, name string, n int) ([]byte, error) {
	return r.read(root, name, int64(n), false)
}

// Stat describes the file name confined to root, following symlinks that stay inside it. The
// FileInfo's Name is the base of name, as os.Stat gives it.
func (r *Reader) Stat(root, name string) (fs.FileInfo, error) {
	t, err := r.resolve("stat", root, name)
	if err != nil {
		return nil, err
	}
	return namedInfo{FileInfo: t.info, name: filepath.Base(name)}, nil
}

// namedInfo renames a resolved file's FileInfo after the name it was asked by (a link's).
type namedInfo struct {
	fs.FileInfo
	name string
}

func (i namedInfo) Name() string { return i.name }

func (r *Reader) read(root, name string, limit int64, whole bool) ([]byte, error) {
	t, err := r.resolve("read", root, name)
	if err != nil {
		return nil, err
	}
	fail := func(e error) error { return &Error{Op: "read", Rel: t.rel, Err: e} }
	if !t.info.Mode().IsRegular() {
		// Not even opened: opening a device can act (rewind a tape), a FIFO waits for a writer.
		return nil, fail(ErrNotRegular)
	}
	if whole && t.info.Size() > limit {
		return nil, fail(&TooLargeError{Size: t.info.Size(), Limit: limit})
	}
	f, err := r.shared.ops.open(t.real, false)
	if err != nil {
		return nil, fail(openError(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fail(ioError(err))
	}
	// The walk validated t.info; anything else at that path now (a FIFO, another file, a file
	// reached through a directory swapped for a symlink) is not what was checked.
	if !st.Mode().IsRegular() || !os.SameFile(t.info, st) {
		return nil, fail(ErrChanged)
	}
	size := st.Size()
	if whole && size > limit {
		return nil, fail(&TooLargeError{Size: size, Limit: limit})
	}
	want := min(size, limit)
	if !r.shared.take(want) {
		return nil, fail(&BudgetError{Budget: r.shared.budget})
	}
	most := limit
	if whole {
		most = limit + 1 // one byte more tells a file that grew since fstat
	}
	b, err := readAtMost(f, want, most)
	r.shared.used.Add(int64(len(b)) - want)
	if err != nil {
		return nil, fail(ioError(err))
	}
	if whole && int64(len(b)) > limit {
		return nil, fail(&TooLargeError{Size: int64(len(b)), Limit: limit, Grew: true})
	}
	return b, nil
}

// readAtMost reads up to most bytes into a buffer sized for the expected hint, so memory
// follows the file's real size and never the limit.
func readAtMost(f io.Reader, hint, most int64) ([]byte, error) {
	buf := bytes.NewBuffer(make([]byte, 0, hint+bytes.MinRead))
	_, err := buf.ReadFrom(io.LimitReader(f, most))
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return buf.Bytes(), nil
}
