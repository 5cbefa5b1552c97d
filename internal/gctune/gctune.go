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
	"os"
	"runtime/debug"
)

// Limit is the soft memory limit the collector works to when the user sets neither GOGC nor
// GOMEMLIMIT. Documents are dropped group by group, so the live heap stays small (about 20 MB
// while scanning 5,000 files): the collector runs only as the heap nears the limit, never on a
// pre-commit run, and a monorepo scan stays under it.
const Limit = 100 << 20

func init() { //nolint:gochecknoinits // must run before the other packages' initialisation
	gogc, limit := os.Getenv("GOGC") == "", os.Getenv("GOMEMLIMIT") == ""
	switch {
	case gogc && limit:
		debug.SetGCPercent(-1)
		debug.SetMemoryLimit(Limit)
	case gogc: // the user's limit may be none at all: keep a proportional collector
		debug.SetGCPercent(400)
	case limit:
		debug.SetMemoryLimit(Limit)
	}
}
