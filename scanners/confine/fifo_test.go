//go:build unix

package confine

import (
	"errors"
	"io/fs"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestFIFONeverBlocks: a FIFO nobody writes to would block an open for reading forever. Every
// way of reading refuses it at once; the deadline only guards the test run, it measures nothing.
func TestFIFONeverBlocks(t *testing.T) {
	root := tree(t, nil)
	fifo := filepath.Join(root, "users.acl")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	symlink(t, "users.acl", filepath.Join(root, "link"))
	r := NewReader(Options{})
	done := make(chan []error)
	go func() {
		var errs []error
		for _, name := range []string{"users.acl", "link"} {
			_, err := r.ReadFile(root, filepath.Join(root, name))
			errs = append(errs, err)
			_, err = r.ReadHead(root, filepath.Join(root, name), 512)
			errs = append(errs, err)
			_, err = fs.ReadFile(r.FS(root), name)
			errs = append(errs, err)
		}
		done <- errs
	}()
	select {
	case errs := <-done:
		for i, err := range errs {
			if !errors.Is(err, ErrNotRegular) {
				t.Errorf("read %d: %v, want ErrNotRegular", i, err)
			}
		}
	case <-time.After(time.Minute):
		t.Fatal("reading a FIFO blocked")
	}
	if st, err := r.Stat(root, fifo); err != nil || st.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("Stat = %v, %v", st, err)
	}
}
