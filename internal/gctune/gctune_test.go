package gctune_test

import (
	"os"
	"runtime/debug"
	"testing"

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
