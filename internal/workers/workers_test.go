package workers_test

import (
	"runtime"
	"sync/atomic"
	"testing"

	"github.com/deploylint/deploylint/internal/workers"
)

// TestSplitCoversEachIndexOnce: the parts cover 0..n-1 once each, in contiguous ranges, one
// part below the threshold and as many as there are cores (at most n) from it.
func TestSplitCoversEachIndexOnce(t *testing.T) {
	for _, c := range []struct{ n, from, parts int }{
		{0, 10, 1},
		{9, 10, 1},
		{10, 10, min(runtime.GOMAXPROCS(0), 10)},
		{1, 1, 1},
		{10007, 4096, runtime.GOMAXPROCS(0)},
	} {
		if got := workers.Parts(c.n, c.from); got != c.parts {
			t.Errorf("Parts(%d, %d) = %d, want %d", c.n, c.from, got, c.parts)
		}
		seen := make([]atomic.Int32, c.n)
		var calls atomic.Int32
		workers.Split(c.n, c.from, func(p, lo, hi int) {
			calls.Add(1)
			if p < 0 || p >= c.parts || lo > hi {
				t.Errorf("n=%d: part %d [%d, %d)", c.n, p, lo, hi)
			}
			for i := lo; i < hi; i++ {
				seen[i].Add(1)
			}
		})
		if int(calls.Load()) != c.parts {
			t.Errorf("n=%d: %d parts ran, want %d", c.n, calls.Load(), c.parts)
		}
		for i := range seen {
			if seen[i].Load() != 1 {
				t.Fatalf("n=%d: index %d covered %d times", c.n, i, seen[i].Load())
			}
		}
	}
}
