// Command deploylint reports where deployment configuration still breaks the vendor's own
// security guide: default passwords, exposed internal services, missing TLS, permissive modes.
package main

import (
	"io"
	"os"

	// The collector's policy is set before any other package initialises (see gctune).
	_ "github.com/deploylint/deploylint/internal/gctune"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, os.Getenv))
}

// Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 cannot run.
const (
	exitOK       = 0
	exitFindings = 1
	exitError    = 2
)

// run is main without the process: tests call it directly. Standard input is the process's,
// read only for a scan of - (runStdin gives another).
func run(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	return runStdin(args, os.Stdin, stdout, stderr, getenv)
}

// runStdin is run with the standard input given.
func runStdin(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	return newApp(stdin, stdout, stderr, getenv).execute(args)
}
