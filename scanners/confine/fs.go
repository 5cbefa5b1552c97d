package confine

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
)

// FS is the folder root as an fs.FS whose every read goes through r: for library loaders and
// policy folders, which then never get a path to open on their own. It implements
// fs.ReadFileFS, fs.StatFS and fs.ReadDirFS; symlinks are followed inside root only. Errors
// are *fs.PathError values naming the slash path asked for.
func (r *Reader) FS(root string) fs.FS { return &rootFS{r: r, root: root} }

type rootFS struct {
	r    *Reader
	root string
}

var (
	_ fs.ReadFileFS = (*rootFS)(nil)
	_ fs.StatFS     = (*rootFS)(nil)
	_ fs.ReadDirFS  = (*rootFS)(nil)
)

func (f *rootFS) osPath(op, name string) (string, error) {
	if !fs.ValidPath(name) {
		return "", &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	return filepath.Join(f.root, filepath.FromSlash(name)), nil
}

// pathError restates an *Error for the fs.FS name, keeping what callers branch on.
func pathError(op, name string, err error) error {
	var e *Error
	if errors.As(err, &e) {
		err = e.Err
	}
	return &fs.PathError{Op: op, Path: name, Err: err}
}

func (f *rootFS) ReadFile(name string) ([]byte, error) {
	p, err := f.osPath("read", name)
	if err != nil {
		return nil, err
	}
	b, err := f.r.ReadFile(f.root, p)
	if err != nil {
		return nil, pathError("read", name, err)
	}
	return b, nil
}

func (f *rootFS) Stat(name string) (fs.FileInfo, error) {
	p, err := f.osPath("stat", name)
	if err != nil {
		return nil, err
	}
	t, err := f.r.resolve("stat", f.root, p)
	if err != nil {
		return nil, pathError("stat", name, err)
	}
	return namedInfo{FileInfo: t.info, name: path.Base(name)}, nil
}

func (f *rootFS) ReadDir(name string) ([]fs.DirEntry, error) {
	p, err := f.osPath("readdir", name)
	if err != nil {
		return nil, err
	}
	t, err := f.r.resolve("readdir", f.root, p)
	if err != nil {
		return nil, pathError("readdir", name, err)
	}
	entries, err := f.r.entries(t)
	if err != nil {
		return nil, pathError("readdir", name, err)
	}
	return entries, nil
}

var errNotDir = errors.New("not a directory")

// entries lists a resolved folder, sorted by name, as fs.ReadDir promises.
func (r *Reader) entries(t target) ([]fs.DirEntry, error) {
	if !t.info.IsDir() {
		return nil, errNotDir
	}
	d, err := r.shared.ops.open(t.real, true)
	if err != nil {
		return nil, openError(err)
	}
	defer d.Close()
	st, err := d.Stat()
	if err != nil {
		return nil, ioError(err)
	}
	if !os.SameFile(t.info, st) {
		return nil, ErrChanged
	}
	list, err := d.ReadDir(-1)
	if err != nil {
		return nil, ioError(err)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Name() < list[j].Name() })
	return list, nil
}

func (f *rootFS) Open(name string) (fs.File, error) {
	p, err := f.osPath("open", name)
	if err != nil {
		return nil, err
	}
	t, err := f.r.resolve("open", f.root, p)
	if err != nil {
		return nil, pathError("open", name, err)
	}
	info := namedInfo{FileInfo: t.info, name: path.Base(name)}
	if t.info.IsDir() {
		entries, err := f.r.entries(t)
		if err != nil {
			return nil, pathError("open", name, err)
		}
		return &dirFile{info: info, entries: entries}, nil
	}
	b, err := f.r.ReadFile(f.root, p)
	if err != nil {
		return nil, pathError("open", name, err)
	}
	return &memFile{Reader: bytes.NewReader(b), info: info}, nil
}

// memFile is a file already read whole (and within limits) when it was opened.
type memFile struct {
	*bytes.Reader
	info fs.FileInfo
}

func (m *memFile) Stat() (fs.FileInfo, error) { return m.info, nil }

func (*memFile) Close() error { return nil }

var errIsDir = errors.New("is a directory")

// dirFile is a folder listed when it was opened.
type dirFile struct {
	info    fs.FileInfo
	entries []fs.DirEntry
	off     int
}

func (d *dirFile) Stat() (fs.FileInfo, error) { return d.info, nil }

func (*dirFile) Close() error { return nil }

func (d *dirFile) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.Name(), Err: errIsDir}
}

func (d *dirFile) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.off:]
	if n <= 0 {
		d.off = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(rest))
	d.off += n
	return rest[:n], nil
}
