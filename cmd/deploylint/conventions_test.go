package main

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

// cliRun is one deploylint run's exit code and output.
type cliRun struct {
	code           int
	stdout, stderr string
}

// deploylint runs the CLI with stdin (none when nil) and an empty environment.
func deploylint(t *testing.T, stdin io.Reader, args ...string) cliRun {
	t.Helper()
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	var out, errOut bytes.Buffer
	code := runStdin(args, stdin, &out, &errOut, func(string) string { return "" })
	return cliRun{code: code, stdout: out.String(), stderr: errOut.String()}
}

func TestStdinIsOneFileOfTheKindNamed(t *testing.T) {
	// The working directory holds a .env with a finding of its own: reading standard input
	// must not scan it, nor anything else.
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{".env": "REDIS_PASSWORD=CHANGE_ME\n"})
	t.Chdir(dir)

	r := deploylint(t, strings.NewReader("DB_PASSWORD=changeme\n"), "scan", "--no-color", "--no-config", "--kind", "dotenv", "-")
	if r.code != exitFindings || !strings.HasPrefix(r.stdout, "-:1:13: high ENV009 DB_PASSWORD") {
		t.Fatalf("stdin as dotenv: exit %d\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
	}
	if strings.Contains(r.stdout, "REDIS_PASSWORD") || !strings.Contains(r.stdout, "1 file scanned") {
		t.Errorf("a scan of stdin read more than stdin:\n%s", r.stdout)
	}

	// A compose file on stdin has no folder: the .env of the working directory does not set
	// its password, so Redis runs without one (CMP013), not with one from a variable (CMP014).
	compose := "services:\n  cache:\n    image: redis:7\n    command: redis-server --requirepass ${REDIS_PASSWORD}\n    env_file: .env\n"
	r = deploylint(t, strings.NewReader(compose), "scan", "--no-color", "--no-config", "--kind", "compose", "-")
	if !strings.Contains(r.stdout, " CMP013 ") || strings.Contains(r.stdout, "CMP014") {
		t.Errorf("stdin compose read the .env beside the working directory: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	r = deploylint(t, strings.NewReader("DB_PASSWORD=changeme\n"), "scan", "-")
	if r.code != exitError || !strings.Contains(r.stderr, "needs --kind KIND") {
		t.Errorf("- without --kind: exit %d, stderr %q; want 2 asking for --kind", r.code, r.stderr)
	}
	r = deploylint(t, strings.NewReader("DB_PASSWORD=changeme\n"), "scan", "--kind", "dotenv=.env", "-")
	if r.code != exitError || !strings.Contains(r.stderr, "needs --kind KIND") {
		t.Errorf("- with only --kind KIND=PATH: exit %d, stderr %q; want 2 asking for --kind", r.code, r.stderr)
	}
	r = deploylint(t, nil, "scan", "--kind", "dotenv", ".")
	if r.code != exitError || !strings.Contains(r.stderr, "add - to the paths") {
		t.Errorf("a bare --kind without -: exit %d, stderr %q; want 2", r.code, r.stderr)
	}
}
