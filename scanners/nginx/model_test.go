package nginx

import (
	"strconv"
	"testing"

	"github.com/deploylint/deploylint/scanners"
)

// TestDirectivesKey: the builder's span keys are the keys rules' paths resolve to.
func TestDirectivesKey(t *testing.T) {
	for _, k := range []int{0, 7, 123456} {
		if got, want := directivesKey+strconv.Itoa(k), scanners.PathKey("directives", k); got != want {
			t.Errorf("key of directive %d: %q, PathKey says %q", k, got, want)
		}
	}
}
