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

// tuneGC trades memory the scan does not need for time: documents are dropped group by group,
// so the live heap stays small and the default GOGC=100 would collect several times more often
// than useful. A soft limit makes the collector work harder only when the heap nears it.
// GOGC and GOMEMLIMIT, when set, win.
func tuneGC(getenv func(string) string) {
	if getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if getenv("GOMEMLIMIT") == "" {
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
