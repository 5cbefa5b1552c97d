package confine_test

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/deploylint/deploylint/scanners/confine"
)

// TestReadCachedOncePerScan: with a cache, a file is read, charged to the budget and derived
// once whoever asks and through whichever name; without one, every call reads.
func TestReadCachedOncePerScan(t *testing.T) {
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "a.conf"), []byte("0123456789"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("a.conf", filepath.Join(root, "b.conf")); err != nil {
		t.Fatal(err)
	}
	for _, cached := range []bool{true, false} {
		r := confine.NewReader(confine.Options{})
		if cached {
			r = r.WithCache(confine.NewCache())
		}
		var mu sync.Mutex
		derived := 0
		var wg sync.WaitGroup
		for i := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				name := []string{"a.conf", "b.conf"}[i%2]
				v, err := r.ReadCached("k", root, filepath.Join(root, name), func(b []byte) (any, error) {
					mu.Lock()
					derived++
					mu.Unlock()
					return len(b), nil
				})
				if err != nil || v.(int) != 10 {
					t.Errorf("got %v, %v", v, err)
				}
			}()
		}
		wg.Wait()
		want, used := 8, int64(80)
		if cached {
			want, used = 1, 10
		}
		if derived != want || r.Used() != used {
			t.Errorf("cached %v: derived %d times, read %d bytes; want %d, %d", cached, derived, r.Used(), want, used)
		}
	}
}
