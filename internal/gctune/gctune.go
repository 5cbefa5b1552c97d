// Package gctune sets deploylint's garbage-collector policy before the other packages are
// initialised. It must run that early: the libraries' package initialisation (compose-go's
// JSON-schema library, OPA's built-ins) allocates past the default 4 MB first goal, and the
// collection that then started competed with every pre-commit run's real work.
//
// Go initialises packages in import-path order once their imports are ready, so this package
// (importing only the standard library) runs before github.com/santhosh-tekuri/... and the
// others that allocate much; the compose-go packages, whose paths sort first, allocate little.
// The command imports it for this side effect alone.
package gctune

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// Limit is the soft memory limit the collector works to when the user sets neither GOGC nor
// GOMEMLIMIT. Documents are dropped group by group, so the live heap stays small (about 20 MB
// while scanning 5,000 files): the collector runs only as the heap nears the limit, never on a
// pre-commit run, and a monorepo scan stays under it.
const Limit = 100 << 20

// Ceiling is the soft limit once a scan's live heap outgrows Limit (one file of a million
// nginx directives): the collector is proportional again (GOGC 100), and works harder as the
// heap nears a ceiling that keeps the process under 1 GiB. Left at Limit with GOGC off, the
// collector would run back to back and triple the scan's time. Should the live heap outgrow
// 1 GiB (Lift), the limit is lifted for the same reason: slower is not smaller then. Up to
// that point the limit holds, collecting more often as the live heap nears or passes Ceiling
// (the process then stays about the size of its live heap): lifted at seven eighths of
// Ceiling, a 100,000-user ACL file's heap doubled past 1 GiB.
const Ceiling = 960 << 20

// Lift is the live heap past which no limit is kept.
const Lift = 1 << 30

func init() { //nolint:gochecknoinits // must run before the other packages' initialisation
	gogc, limit := os.Getenv("GOGC") == "", os.Getenv("GOMEMLIMIT") == ""
	switch {
	case gogc && limit:
		debug.SetGCPercent(-1)
		debug.SetMemoryLimit(Limit)
		watch()
	case gogc: // the user's limit may be none at all: keep a proportional collector
		debug.SetGCPercent(400)
	case limit:
		debug.SetMemoryLimit(Limit)
	}
}

// sentinel is an object nothing references: its finalizer runs after each collection.
type sentinel struct{ _ [16]byte }

// watch looks at the live heap after every collection: past half of Limit it turns to the
// proportional collector under Ceiling, past Lift it lifts the limit.
func watch() {
	runtime.SetFinalizer(&sentinel{}, func(*sentinel) {
		switch live := liveHeap(); {
		case live > Lift:
			debug.SetGCPercent(100)
			debug.SetMemoryLimit(math.MaxInt64)
			return
		case live > Limit/2:
			debug.SetGCPercent(100)
			debug.SetMemoryLimit(Ceiling)
		}
		watch()
	})
}

// liveHeap is the heap the last collection found reachable.
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}
