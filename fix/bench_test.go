package fix_test

import (
	"context"
	"testing"

	"github.com/deploylint/deploylint/scan"
)

// BenchmarkFixDryRunDemo plans every repair of the COSMOS demo stack: the scan plus reading,
// parsing and planning what fix needs.
func BenchmarkFixDryRunDemo(b *testing.B) {
	opt := options(b, copyTree(b, "../fixtures/stacks/cosmos-default"))
	b.ReportAllocs()
	for b.Loop() {
		res, err := scan.Fix(context.Background(), opt, scan.FixOptions{DryRun: true})
		if err != nil || !res.Plan.Changed() {
			b.Fatal(err)
		}
	}
}
