package gctune_test

import (
	"math"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/deploylint/deploylint/internal/gctune"
)

// TestPolicyApplied: importing the package sets the policy (this test binary imports it), and
// GOGC or GOMEMLIMIT in the environment is left to the runtime.
func TestPolicyApplied(t *testing.T) {
	percent := debug.SetGCPercent(100)
	debug.SetGCPercent(percent)
	limit := debug.SetMemoryLimit(-1)
	switch {
	case os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "":
		if percent != -1 || limit != gctune.Limit {
			t.Errorf("GOGC %d, limit %d: want off and %d", percent, limit, gctune.Limit)
		}
	case os.Getenv("GOGC") == "":
		if percent != 400 {
			t.Errorf("GOGC %d with the user's GOMEMLIMIT: want 400", percent)
		}
	}
}

// TestLargeHeapTurnsProportional: once the live heap outgrows half of Limit, the collector is
// proportional under Ceiling, so a large file is not scanned by a collector running back to
// back. Run in a child process: the switch is for the rest of a process.
func TestLargeHeapTurnsProportional(t *testing.T) {
	if inParent(t, "TestLargeHeapTurnsProportional") {
		return
	}
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("the user's GOGC or GOMEMLIMIT decides")
	}
	if p := debug.SetGCPercent(-1); p != -1 {
		t.Fatalf("GOGC %d before the heap grew: want off", p)
	}
	live := make([][]byte, 0, 80)
	for range 80 {
		live = append(live, make([]byte, 1<<20))
	}
	for range 100 {
		runtime.GC()
		time.Sleep(time.Millisecond) // the finalizer goroutine runs between collections
		percent := debug.SetGCPercent(100)
		if percent == 100 {
			if limit := debug.SetMemoryLimit(-1); limit != gctune.Ceiling {
				t.Errorf("limit %d after the switch: want %d", limit, gctune.Ceiling)
			}
			runtime.KeepAlive(live)
			return
		}
		debug.SetGCPercent(percent)
	}
	t.Errorf("80 MB live and the collector is still off")
}

// TestHeapAboveLiftIsUnlimited: a live heap above Lift outgrows the ceiling, and a collector
// kept at it would run back to back: the limit is lifted and the collector stays
// proportional. Run in a child process, as the switch is for the rest of a process.
func TestHeapAboveLiftIsUnlimited(t *testing.T) {
	if os.Getenv("GCTUNE_CHILD") == "" && testing.Short() {
		t.Skip("allocates more than 1 GiB")
	}
	if inParent(t, "TestHeapAboveLiftIsUnlimited") {
		return
	}
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("the user's GOGC or GOMEMLIMIT decides")
	}
	var live [][]byte
	for len(live) < gctune.Lift/(8<<20)+16 {
		live = append(live, make([]byte, 8<<20))
	}
	for range 200 {
		runtime.GC()
		time.Sleep(time.Millisecond)
		limit := debug.SetMemoryLimit(-1)
		if limit == math.MaxInt64 {
			if p := debug.SetGCPercent(100); p != 100 {
				t.Errorf("GOGC %d once the limit is lifted: want 100", p)
			}
			runtime.KeepAlive(live)
			return
		}
	}
	t.Errorf("%d MiB live and the limit is still %d", len(live)*8, debug.SetMemoryLimit(-1))
}

// inParent runs test name again in a child process, under the policy of a user who set
// neither GOGC nor GOMEMLIMIT, and is true in the parent; the child runs the test's body (the
// collector's switches are for the rest of a process).
func inParent(t *testing.T, name string) bool {
	t.Helper()
	if os.Getenv("GCTUNE_CHILD") != "" {
		return false
	}
	cmd := exec.Command(os.Args[0], "-test.run", "^"+name+"$", "-test.count=1")
	cmd.Env = slices.DeleteFunc(os.Environ(), func(e string) bool {
		return strings.HasPrefix(e, "GOGC=") || strings.HasPrefix(e, "GOMEMLIMIT=")
	})
	cmd.Env = append(cmd.Env, "GCTUNE_CHILD=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	return true
}
