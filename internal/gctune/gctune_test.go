package gctune_test

import (
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
	if os.Getenv("GCTUNE_CHILD") == "" {
		cmd := exec.Command(os.Args[0], "-test.run", "^TestLargeHeapTurnsProportional$", "-test.count=1")
		// The policy under test is the one for a user who set neither variable.
		cmd.Env = slices.DeleteFunc(os.Environ(), func(e string) bool {
			return strings.HasPrefix(e, "GOGC=") || strings.HasPrefix(e, "GOMEMLIMIT=")
		})
		cmd.Env = append(cmd.Env, "GCTUNE_CHILD=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("child: %v\n%s", err, out)
		}
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
