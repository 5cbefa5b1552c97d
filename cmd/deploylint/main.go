// Command deploylint reports where deployment configuration still breaks the vendor's own
// security guide: default passwords, exposed internal services, missing TLS, permissive modes.
package main

import (
	"io"
	"os"
	"runtime/debug"
)

func main() {
	tuneGC(os.Getenv)
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, os.Getenv))
}

// tuneGC trades memory the scan does not need for time. Documents are dropped group by group,
// so the live heap stays small: the collector runs only when the heap nears a soft limit of
// 100 MiB, never on a pre-commit run (about 45 MB), and a monorepo scan stays near the limit.
// GOGC and GOMEMLIMIT, when set, win.
func tuneGC(getenv func(string) string) {
	gogc, limit := getenv("GOGC") == "", getenv("GOMEMLIMIT") == ""
	switch {
	case gogc && limit:
		debug.SetGCPercent(-1)
		debug.SetMemoryLimit(100 << 20)
	case gogc: // the user's limit may be none at all: keep a proportional collector
		debug.SetGCPercent(400)
	case limit:
		debug.SetMemoryLimit(100 << 20)
	}
}

// Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 cannot run.
const (
	exitOK       = 0
	exitFindings = 1
	exitError    = 2
)

// run is main without the process: tests call it directly.
func run(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	app := newApp(stdout, stderr, getenv)
	return app.execute(args)
}
