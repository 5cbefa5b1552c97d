package confine

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

// tree writes files (slash path -> content) under a new folder and returns it, symlinks
// resolved so that paths compare with what the walk records.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("symlinks unavailable: %v", err)
	}
}

// recorder wraps a Reader's system calls and keeps every path they touch.
type recorder struct {
	mu    sync.Mutex
	paths []string
}

func (rec *recorder) add(p string) {
	rec.mu.Lock()
	rec.paths = append(rec.paths, p)
	rec.mu.Unlock()
}

func record(r *Reader) *recorder {
	rec := &recorder{}
	inner := r.shared.ops
	r.shared.ops = ops{
		lstat:    func(p string) (fs.FileInfo, error) { rec.add(p); return inner.lstat(p) },
		readlink: func(p string) (string, error) { rec.add(p); return inner.readlink(p) },
		open:     func(p string, dir bool) (*os.File, error) { rec.add(p); return inner.open(p, dir) },
	}
	return rec
}

// outsideOf fails the test for every recorded path that is not root or below it.
func (rec *recorder) outsideOf(t *testing.T, root string) {
	t.Helper()
	for _, p := range rec.paths {
		if _, ok := below(root, p); !ok {
			t.Errorf("touched %s, outside the root %s", p, root)
		}
	}
}

func TestReadFile(t *testing.T) {
	root := tree(t, map[string]string{"a/b.conf": "hello\n"})
	r := NewReader(Options{})
	b, err := r.ReadFile(root, filepath.Join(root, "a", "b.conf"))
	if err != nil || string(b) != "hello\n" {
		t.Fatalf("ReadFile = %q, %v", b, err)
	}
	if r.Used() != 6 {
		t.Errorf("used = %d, want 6", r.Used())
	}
	_, err = r.ReadFile(root, filepath.Join(root, "a", "missing.conf"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	if _, err := r.ReadFile(root, filepath.Join(root, "a")); !errors.Is(err, ErrNotRegular) {
		t.Errorf("a folder: %v", err)
	}
	if _, err := r.ReadFile(root, filepath.Join(root, "a", "b.conf", "x")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("below a file: %v", err)
	}
}

// TestErrorsNameRelativePaths: what reaches a user names files relative to the root.
func TestErrorsNameRelativePaths(t *testing.T) {
	root := tree(t, map[string]string{"big.conf": strings.Repeat("x", 100)})
	r := NewReader(Options{MaxFileSize: 10})
	for _, name := range []string{"big.conf", "missing.conf", "../x.conf"} {
		_, err := r.ReadFile(root, filepath.Join(root, name))
		if err == nil || strings.Contains(err.Error(), root) {
			t.Errorf("%s: error %v names the absolute root", name, err)
		}
		var e *Error
		if !errors.As(err, &e) || e.Rel != name {
			t.Errorf("%s: error %#v does not name %s", name, err, name)
		}
	}
}

func TestSizeLimit(t *testing.T) {
	root := tree(t, map[string]string{"ten": strings.Repeat("x", 10), "eleven": strings.Repeat("x", 11)})
	r := NewReader(Options{MaxFileSize: 10})
	if b, err := r.ReadFile(root, filepath.Join(root, "ten")); err != nil || len(b) != 10 {
		t.Errorf("a file at the limit: %d bytes, %v", len(b), err)
	}
	_, err := r.ReadFile(root, filepath.Join(root, "eleven"))
	var tl *TooLargeError
	if !errors.As(err, &tl) || tl.Size != 11 || tl.Limit != 10 || !errors.Is(err, ErrTooLarge) {
		t.Fatalf("a file above the limit: %v", err)
	}
	if got := Reason(err); got != "11 bytes, above the 10-byte size limit (max_file_size, --max-file-size)" {
		t.Errorf("reason = %q", got)
	}
	if r.Used() != 10 {
		t.Errorf("used = %d: the refused file was charged", r.Used())
	}
	// The sniff of a large file is allowed: it reads the head only.
	if b, err := r.WithMaxFileSize(5).ReadHead(root, filepath.Join(root, "eleven"), 4); err != nil || len(b) != 4 {
		t.Errorf("ReadHead = %d bytes, %v", len(b), err)
	}
	if b, err := r.WithMaxFileSize(20).ReadFile(root, filepath.Join(root, "eleven")); err != nil || len(b) != 11 {
		t.Errorf("a view with a larger limit: %d bytes, %v", len(b), err)
	}
}

// TestSparseHugeFileReadsNothing: a 10 GiB file of holes is refused from its size alone; the
// memory allocated stays far below what reading it would take.
func TestSparseHugeFileReadsNothing(t *testing.T) {
	root := tree(t, nil)
	p := filepath.Join(root, "huge.conf")
	if err := os.WriteFile(p, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(p, 10<<30); err != nil {
		t.Skipf("no sparse files here: %v", err)
	}
	r := NewReader(Options{})
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := r.ReadFile(root, p)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v", err)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 1<<20 {
		t.Errorf("refusing the file allocated %d bytes", grew)
	}
	if r.Used() != 0 {
		t.Errorf("used = %d", r.Used())
	}
}

func TestBudget(t *testing.T) {
	root := tree(t, map[string]string{"a": strings.Repeat("a", 100), "b": strings.Repeat("b", 100), "c": strings.Repeat("c", 100)})
	r := NewReader(Options{Budget: 250})
	for _, name := range []string{"a", "b"} {
		if _, err := r.ReadFile(root, filepath.Join(root, name)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	_, err := r.ReadFile(root, filepath.Join(root, "c"))
	var be *BudgetError
	if !errors.As(err, &be) || be.Budget != 250 || !errors.Is(err, ErrBudget) {
		t.Fatalf("third read: %v", err)
	}
	// A view shares the budget.
	if _, err := r.WithMaxFileSize(1<<20).ReadFile(root, filepath.Join(root, "c")); !errors.Is(err, ErrBudget) {
		t.Errorf("a view's read: %v", err)
	}
	if r.Used() != 200 {
		t.Errorf("used = %d, want 200", r.Used())
	}
}

// TestBudgetConcurrent: many goroutines share one budget; exactly as many reads succeed as
// fit, and no byte is charged twice or lost (run with -race).
func TestBudgetConcurrent(t *testing.T) {
	files := map[string]string{}
	for i := range 64 {
		files[fmt.Sprintf("f%02d", i)] = strings.Repeat("x", 100)
	}
	root := tree(t, files)
	r := NewReader(Options{Budget: 1000})
	var wg sync.WaitGroup
	var mu sync.Mutex
	ok, refused := 0, 0
	for name := range files {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := r.ReadFile(root, filepath.Join(root, name))
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				ok++
			case errors.Is(err, ErrBudget):
				refused++
			default:
				t.Errorf("%s: %v", name, err)
			}
		}()
	}
	wg.Wait()
	if ok != 10 || refused != 54 || r.Used() != 1000 {
		t.Errorf("%d read, %d refused, %d bytes used; want 10, 54, 1000", ok, refused, r.Used())
	}
}

func TestSymlinkOutsideRefused(t *testing.T) {
	outside := tree(t, map[string]string{"secret": "password\n", "dir/x.conf": "x\n"})
	root := tree(t, map[string]string{"ok": "fine\n"})
	symlink(t, filepath.Join(outside, "secret"), filepath.Join(root, "abs"))
	symlink(t, filepath.Join(outside, "nothing"), filepath.Join(root, "abs-dangling"))
	rel, err := filepath.Rel(root, filepath.Join(outside, "secret"))
	if err != nil {
		t.Fatal(err)
	}
	symlink(t, rel, filepath.Join(root, "rel"))
	symlink(t, rel+"-nothing", filepath.Join(root, "rel-dangling"))
	symlink(t, filepath.Join(outside, "dir"), filepath.Join(root, "dirlink"))
	symlink(t, "..", filepath.Join(root, "up"))
	r := NewReader(Options{})
	rec := record(r)
	for _, name := range []string{"abs", "abs-dangling", "rel", "rel-dangling", "dirlink/x.conf", "dirlink/nothing", "up/secret"} {
		_, err := r.ReadFile(root, filepath.Join(root, name))
		if !errors.Is(err, ErrSymlinkOutside) || !errors.Is(err, ErrOutsideRoot) {
			t.Errorf("%s: %v", name, err)
		}
		if want := "read " + name + ": symlink leads out of the scan root"; err == nil || err.Error() != want {
			t.Errorf("%s: error %q, want %q whether or not the target exists", name, err, want)
		}
	}
	// A name outside the root is refused before anything is looked at.
	for _, name := range []string{filepath.Join(outside, "secret"), filepath.Join(root, "..", "nothing")} {
		if _, err := r.ReadFile(root, name); !errors.Is(err, ErrOutsideRoot) || errors.Is(err, ErrSymlinkOutside) {
			t.Errorf("%s: %v", name, err)
		}
	}
	rec.outsideOf(t, root)
}

func TestSymlinkInsideAccepted(t *testing.T) {
	root := tree(t, map[string]string{"sub/file.conf": "inside\n"})
	symlink(t, "sub/file.conf", filepath.Join(root, "rel"))
	symlink(t, filepath.Join(root, "sub", "file.conf"), filepath.Join(root, "abs"))
	symlink(t, "sub", filepath.Join(root, "dirlink"))
	symlink(t, "../sub/file.conf", filepath.Join(root, "sub", "up"))
	symlink(t, "rel", filepath.Join(root, "chain"))
	// The root named through a symlink of its own: links written against either spelling hold.
	alias := filepath.Join(t.TempDir(), "alias")
	symlink(t, root, alias)
	symlink(t, filepath.Join(alias, "sub", "file.conf"), filepath.Join(root, "via-alias"))
	r := NewReader(Options{})
	for _, base := range []string{root, alias} {
		names := []string{"rel", "abs", "dirlink/file.conf", "sub/up", "chain"}
		if base == alias {
			// Spelled through the root as given. Scanned from its real path, the same link is
			// refused: telling that the alias leads back in would mean looking outside.
			names = append(names, "via-alias")
		}
		for _, name := range names {
			b, err := r.ReadFile(base, filepath.Join(base, name))
			if err != nil || string(b) != "inside\n" {
				t.Errorf("%s/%s: %q, %v", base, name, b, err)
			}
		}
	}
	st, err := r.Stat(root, filepath.Join(root, "rel"))
	if err != nil || st.Name() != "rel" || !st.Mode().IsRegular() {
		t.Errorf("Stat = %v, %v", st, err)
	}
	symlink(t, "loop", filepath.Join(root, "loop"))
	if _, err := r.ReadFile(root, filepath.Join(root, "loop")); err == nil {
		t.Error("a symlink loop was read")
	}
}

// TestSwapAfterCheck replaces the file between the walk's check and the open: with a symlink
// out of the root, with another file, and by swapping the folder above it for a symlink to
// an outside folder holding a file of the same name. Each is refused.
func TestSwapAfterCheck(t *testing.T) {
	cases := map[string]func(t *testing.T, root, outside string){
		"file replaced by a symlink": func(t *testing.T, root, outside string) {
			p := filepath.Join(root, "d", "x.conf")
			must(t, os.Remove(p))
			symlink(t, filepath.Join(outside, "d", "x.conf"), p)
		},
		"file replaced by another": func(t *testing.T, root, _ string) {
			p := filepath.Join(root, "d", "x.conf")
			must(t, os.WriteFile(p+".new", []byte("other\n"), 0o600))
			must(t, os.Rename(p+".new", p))
		},
		"folder replaced by a symlink": func(t *testing.T, root, outside string) {
			must(t, os.Rename(filepath.Join(root, "d"), filepath.Join(root, "d.old")))
			symlink(t, filepath.Join(outside, "d"), filepath.Join(root, "d"))
		},
	}
	for name, swap := range cases {
		t.Run(name, func(t *testing.T) {
			outside := tree(t, map[string]string{"d/x.conf": "outside secret\n"})
			root := tree(t, map[string]string{"d/x.conf": "inside\n"})
			r := NewReader(Options{})
			inner := r.shared.ops.open
			r.shared.ops.open = func(p string, dir bool) (*os.File, error) {
				swap(t, root, outside)
				return inner(p, dir)
			}
			b, err := r.ReadFile(root, filepath.Join(root, "d", "x.conf"))
			if !errors.Is(err, ErrChanged) {
				t.Errorf("read %q, %v; want ErrChanged", b, err)
			}
		})
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestGlobStaysInside: a pattern whose folder lies outside the root lists nothing there and
// answers the same whether that folder exists or not; a wildcard folder that is a symlink out
// of the root is not descended.
func TestGlobStaysInside(t *testing.T) {
	outside := tree(t, map[string]string{"conf/a.conf": "a\n", "conf/b.conf": "b\n"})
	root := tree(t, map[string]string{"conf.d/1.conf": "1\n", "conf.d/2.conf": "2\n", "conf.d/skip.txt": "", "sites/a/x.conf": "x\n"})
	symlink(t, filepath.Join(outside, "conf"), filepath.Join(root, "sites", "out"))
	r := NewReader(Options{})
	rec := record(r)

	got, err := r.Glob(root, root, "conf.d/*.conf")
	if err != nil || fmt.Sprint(got) != fmt.Sprint([]string{filepath.Join(root, "conf.d", "1.conf"), filepath.Join(root, "conf.d", "2.conf")}) {
		t.Errorf("inside glob = %v, %v", got, err)
	}
	toOutside, err := filepath.Rel(root, filepath.Join(outside, "conf"))
	if err != nil {
		t.Fatal(err)
	}
	var answers []string
	for _, pattern := range []string{toOutside + "/*.conf", toOutside + "-nothing/*.conf", filepath.Join(outside, "conf", "*.conf"), toOutside + "/a.conf"} {
		got, err := r.Glob(root, root, pattern)
		if len(got) != 0 || !errors.Is(err, ErrOutsideRoot) {
			t.Errorf("%s: %v, %v", pattern, got, err)
		}
		answers = append(answers, strings.ReplaceAll(fmt.Sprint(err), "-nothing", ""))
	}
	if answers[0] != answers[1] {
		t.Errorf("an outside folder that exists and one that does not answer differently: %q, %q", answers[0], answers[1])
	}
	got, err = r.Glob(root, filepath.Join(root, "sites"), "*/*.conf")
	if fmt.Sprint(got) != fmt.Sprint([]string{filepath.Join(root, "sites", "a", "x.conf")}) || !errors.Is(err, ErrSymlinkOutside) {
		t.Errorf("wildcard folders: %v, %v", got, err)
	}
	got, err = r.Glob(root, root, "conf.d/1.conf")
	if err != nil || len(got) != 1 {
		t.Errorf("a literal name: %v, %v", got, err)
	}
	if got, err := r.Glob(root, root, "conf.d/none.conf"); err != nil || len(got) != 0 {
		t.Errorf("a literal missing name: %v, %v", got, err)
	}
	if _, err := r.Glob(root, root, "conf.d/[.conf"); !errors.Is(err, filepath.ErrBadPattern) {
		t.Errorf("bad pattern: %v", err)
	}
	rec.outsideOf(t, root)
}

func TestFS(t *testing.T) {
	root := tree(t, map[string]string{"a.rego": "package a\n", "lib/b.rego": "package b\n", "lib/data/c.json": "{}\n"})
	r := NewReader(Options{})
	fsys := r.FS(root)
	if err := fstest.TestFS(fsys, "a.rego", "lib/b.rego", "lib/data/c.json"); err != nil {
		t.Fatal(err)
	}
	outside := tree(t, map[string]string{"secret.rego": "package s\n"})
	symlink(t, filepath.Join(outside, "secret.rego"), filepath.Join(root, "out.rego"))
	symlink(t, outside, filepath.Join(root, "outdir"))
	for _, name := range []string{"out.rego", "outdir/secret.rego"} {
		_, err := fs.ReadFile(fsys, name)
		var pe *fs.PathError
		if !errors.As(err, &pe) || pe.Path != name || !errors.Is(err, ErrOutsideRoot) || strings.Contains(err.Error(), outside) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := fs.ReadDir(fsys, "outdir"); !errors.Is(err, ErrOutsideRoot) {
		t.Errorf("ReadDir of a folder link out: %v", err)
	}
	if _, err := fsys.Open("../x"); !errors.Is(err, fs.ErrInvalid) {
		t.Errorf("Open(../x): %v", err)
	}
}

func TestInside(t *testing.T) {
	outside := tree(t, map[string]string{"x": ""})
	root := tree(t, map[string]string{"in": ""})
	symlink(t, filepath.Join(outside, "x"), filepath.Join(root, "out"))
	cases := map[string]bool{
		filepath.Join(root, "in"):             true,
		filepath.Join(root, "not-yet"):        true,
		filepath.Join(root, "out"):            false,
		filepath.Join(root, "..", "x"):        false,
		filepath.Join(outside, "x"):           false,
		root:                                  true,
		filepath.Join(root, "in", "..", "in"): true,
	}
	for p, want := range cases {
		if got := Inside(root, p); got != want {
			t.Errorf("Inside(%s) = %v", p, got)
		}
	}
}
