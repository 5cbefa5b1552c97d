package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/report"
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

// twoSeverities is a .env with one critical (ENV001) and one high (ENV009) finding.
const twoSeverities = "OPENC3_REDIS_PASSWORD=openc3password\nDB_PASSWORD=changeme\n"

func TestQuietPrintsTheReportOnly(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	writeTree(t, dir, map[string]string{"stack/.env": twoSeverities})
	baseline := filepath.Join(dir, "baseline.json")

	// Without --quiet the same runs print a warning, a baseline note and a summary line: what
	// --quiet must silence.
	loud := deploylint(t, nil, "scan", "--no-color", "--write-baseline", baseline, empty)
	if !strings.Contains(loud.stderr, "warning") || !strings.Contains(loud.stderr, "recorded") || !strings.Contains(loud.stdout, "scanned") {
		t.Fatalf("the loud run prints less than the test assumes:\nstdout: %s\nstderr: %s", loud.stdout, loud.stderr)
	}
	quiet := deploylint(t, nil, "scan", "--no-color", "-q", "--write-baseline", baseline, empty)
	if quiet.code != exitOK || quiet.stdout != "" || quiet.stderr != "" {
		t.Errorf("--quiet on an empty folder: exit %d, stdout %q, stderr %q; want 0 and nothing", quiet.code, quiet.stdout, quiet.stderr)
	}

	r := deploylint(t, nil, "scan", "--no-color", "--quiet", filepath.Join(dir, "stack"))
	if r.code != exitFindings || r.stderr != "" {
		t.Fatalf("--quiet with findings: exit %d, stderr %q", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "ENV009") || strings.Contains(r.stdout, "scanned") {
		t.Errorf("--quiet text report: want the findings without the summary line, got:\n%s", r.stdout)
	}

	// Errors still reach stderr.
	if r := deploylint(t, nil, "scan", "-q", filepath.Join(dir, "missing")); r.code != exitError || !strings.Contains(r.stderr, "missing") {
		t.Errorf("--quiet on a missing path: exit %d, stderr %q; want 2 and the error", r.code, r.stderr)
	}
}

func TestSeverityFiltersEveryFormatAndTheExitCode(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{".env": twoSeverities})
	for _, format := range report.Formats() {
		r := deploylint(t, nil, "scan", "--no-color", "--format", format, "--severity", "critical", dir)
		if r.code != exitFindings {
			t.Fatalf("%s: exit %d\n%s", format, r.code, r.stderr)
		}
		// Messages, not IDs: SARIF and HTML describe every rule the scan ran.
		if !strings.Contains(r.stdout, "is the shipped COSMOS default") || strings.Contains(r.stdout, "is a placeholder") {
			t.Errorf("%s --severity critical: want ENV001's finding and not ENV009's:\n%s", format, r.stdout)
		}
	}
	// The filtered-out high finding is above --fail-on high but is not shown: it fails nothing.
	writeTree(t, dir, map[string]string{".env": "DB_PASSWORD=changeme\n"})
	if r := deploylint(t, nil, "scan", "--no-color", "--severity", "critical,medium", "--fail-on", "high", dir); r.code != exitOK || strings.Contains(r.stdout, "ENV009") {
		t.Errorf("--severity critical,medium on a high finding: exit %d, want 0 and no ENV009:\n%s", r.code, r.stdout)
	}
	r := deploylint(t, nil, "scan", "--severity", "critical,urgent", dir)
	if r.code != exitError || !strings.Contains(r.stderr, `"urgent"`) || !strings.Contains(r.stderr, "critical, high, medium, low, info") {
		t.Errorf("--severity urgent: exit %d, stderr %q; want 2 naming it and the valid ones", r.code, r.stderr)
	}
}

func TestEnableAndDisableWinOverTheConfiguration(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		".env":            twoSeverities,
		".deploylint.hcl": "rule \"ENV009\" {\n  enabled = false\n}\n",
	})
	has := func(r cliRun, id string) bool { return strings.Contains(r.stdout, " "+id+" ") }

	r := deploylint(t, nil, "scan", "--no-color", dir)
	if !has(r, "ENV001") || has(r, "ENV009") {
		t.Fatalf("the configuration should disable ENV009 only:\n%s", r.stdout)
	}
	r = deploylint(t, nil, "scan", "--no-color", "--enable", "env009", dir)
	if !has(r, "ENV009") || has(r, "ENV001") {
		t.Errorf("--enable env009: want ENV009 alone (the command line over the configuration):\n%s", r.stdout)
	}
	r = deploylint(t, nil, "scan", "--no-color", "--enable", "ENV009", "--enable", "ENV001", dir)
	if !has(r, "ENV009") || !has(r, "ENV001") {
		t.Errorf("--enable repeated: want both rules:\n%s", r.stdout)
	}
	r = deploylint(t, nil, "scan", "--no-color", "--disable", "ENV001", dir)
	if has(r, "ENV001") || r.code != exitOK {
		t.Errorf("--disable ENV001 (ENV009 off by configuration): exit %d, want 0 and nothing:\n%s", r.code, r.stdout)
	}

	r = deploylint(t, nil, "scan", "--disable", "ENV001,ENV09", dir)
	if r.code != exitError || !strings.Contains(r.stderr, "ENV09") || !strings.Contains(r.stderr, "did you mean ENV009?") {
		t.Errorf("--disable ENV09: exit %d, stderr %q; want 2 and a suggestion", r.code, r.stderr)
	}
	r = deploylint(t, nil, "scan", "--enable", "NOPE123", dir)
	if r.code != exitError || !strings.Contains(r.stderr, "NOPE123") || strings.Contains(r.stderr, "did you mean") {
		t.Errorf("--enable NOPE123: exit %d, stderr %q; want 2 and no far-fetched suggestion", r.code, r.stderr)
	}
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

func TestHelpShowsExamplesAndExitCodes(t *testing.T) {
	for _, cmd := range []string{"scan", "explain", "rules", "guides", "init", "test", "version"} {
		r := deploylint(t, nil, cmd, "--help")
		if r.code != exitOK || !strings.Contains(r.stdout, "Examples:\n  deploylint "+cmd) {
			t.Errorf("%s --help: exit %d, no examples:\n%s", cmd, r.code, r.stdout)
		}
	}
	r := deploylint(t, nil, "scan", "--help")
	for _, want := range []string{"Exit codes:", "  0  ", "  1  ", "  2  deploylint cannot run"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("scan --help lacks %q:\n%s", want, r.stdout)
		}
	}
}

func TestWriteBaselineExitsZeroAndCounts(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"stack/.env": twoSeverities})
	baseline := filepath.Join(dir, "baseline.json")
	r := deploylint(t, nil, "scan", "--no-color", "--write-baseline", baseline, filepath.Join(dir, "stack"))
	if r.code != exitOK {
		t.Fatalf("--write-baseline with findings: exit %d, want 0\n%s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, "recorded 2 findings in "+baseline) {
		t.Errorf("stderr %q does not say how many findings were recorded", r.stderr)
	}
	var b baselineFile
	if err := json.Unmarshal([]byte(readFile(t, baseline)), &b); err != nil || len(b.Findings) != 2 {
		t.Errorf("baseline holds %d findings (%v), want 2", len(b.Findings), err)
	}
	// Read back, the baseline accepts them: the normal run passes.
	if r := deploylint(t, nil, "scan", "--baseline", baseline, filepath.Join(dir, "stack")); r.code != exitOK {
		t.Errorf("scan --baseline: exit %d, want 0", r.code)
	}
}

func TestNothingOfAKnownKind(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"notes/readme.txt": "nothing to see\n"})
	r := deploylint(t, nil, "scan", "--no-color", filepath.Join(dir, "notes"))
	if r.code != exitOK || !strings.Contains(r.stderr, "no file of a known kind found under "+filepath.Join(dir, "notes")) || !strings.Contains(r.stderr, "--kind") {
		t.Errorf("an unknown-only folder: exit %d, stderr %q; want 0 and a warning naming --kind", r.code, r.stderr)
	}
	named := filepath.Join(dir, "notes", "readme.txt")
	r = deploylint(t, nil, "scan", "--no-color", named)
	if r.code != exitError || !strings.Contains(r.stderr, "--kind KIND="+filepath.ToSlash(filepath.Clean(named))) {
		t.Errorf("a named file of unknown kind: exit %d, stderr %q; want 2 asking for --kind KIND=PATH", r.code, r.stderr)
	}
	// Named with its kind, it is scanned.
	if r := deploylint(t, nil, "scan", "--no-color", "--kind", "dotenv="+named, named); r.code == exitError {
		t.Errorf("with --kind: exit %d, stderr %q", r.code, r.stderr)
	}
	// A hook's list (a certificate beside a .env) skips it with --skip-unknown, and still
	// judges the others.
	writeTree(t, dir, map[string]string{"stack/cert.pem": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", "stack/.env": "OPENC3_REDIS_PASSWORD=openc3password\n"})
	r = deploylint(t, nil, "scan", "--no-color", "--skip-unknown", filepath.Join(dir, "stack", "cert.pem"), filepath.Join(dir, "stack", ".env"))
	if r.code != exitFindings || !strings.Contains(r.stdout, "ENV001") {
		t.Errorf("--skip-unknown: exit %d, stdout %q, stderr %q; want 1 and the .env's ENV001", r.code, r.stdout, r.stderr)
	}
}
