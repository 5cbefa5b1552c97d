//go:build unix

package report_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/deploylint/deploylint/report"
)

// chromium finds a Chromium to render the HTML report with: $DEPLOYLINT_CHROMIUM, chromium or
// chromium-browser on PATH, or /usr/bin/chromium.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("DEPLOYLINT_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	msg := "chromium not found (looked for $DEPLOYLINT_CHROMIUM, chromium and chromium-browser on PATH, /usr/bin/chromium); " +
		"install it with: apt-get install chromium"
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// runChromium runs one headless Chromium with its own throw-away profile and returns its
// stdout and stderr. Chromium starts helper processes that can outlive the browser and keep
// its output pipes open, so the whole process group is killed on timeout, and Wait gives up
// on the pipes shortly after the browser itself has gone.
func runChromium(t *testing.T, bin string, args ...string) (stdout, stderr []byte) {
	t.Helper()
	profile, err := os.MkdirTemp("", "deploylint-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	// Best effort: a crash reporter may still be writing to the profile when Chromium exits.
	t.Cleanup(func() { _ = os.RemoveAll(profile) })
	base := []string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 10 * time.Second
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\nstderr:\n%s", bin, strings.Join(args, " "), err, errOut.Bytes())
	}
	if cmd.Process != nil {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) // helpers left behind, if any
	}
	return out.Bytes(), errOut.Bytes()
}

// consoleProblems lists the lines of Chromium's log that report a page error: anything the
// page wrote to the console (the report has no script, so any message is a problem, a
// Content-Security-Policy violation included) and uncaught exceptions.
func consoleProblems(stderr []byte) []string {
	var bad []string
	for _, l := range strings.Split(string(stderr), "\n") {
		if strings.Contains(l, "CONSOLE") || strings.Contains(l, "Uncaught") {
			bad = append(bad, l)
		}
	}
	return bad
}

// TestHTMLInBrowser renders the report of the COSMOS demo stack in headless Chromium: it must
// draw at 1280 px and print to PDF without a console error, and the DOM must hold one finding
// per unsuppressed finding and the guide statements it fails.
func TestHTMLInBrowser(t *testing.T) {
	bin := chromium(t)
	r := scanReport(t, "../fixtures/stacks/cosmos-default")
	want := unsuppressed(t, r)
	if want == 0 {
		t.Fatal("the demo stack raised nothing")
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	if err := os.WriteFile(page, write(t, "html", report.Options{}, r), 0o644); err != nil {
		t.Fatal(err)
	}
	pageURL := "file://" + filepath.ToSlash(page)

	png := filepath.Join(dir, "out.png")
	_, stderr := runChromium(t, bin, "--screenshot="+png, "--window-size=1280,2000", pageURL)
	st, err := os.Stat(png)
	if err != nil || st.Size() == 0 {
		t.Fatalf("no screenshot (%v)\nstderr:\n%s", err, stderr)
	}
	if raw, err := os.ReadFile(png); err != nil || !bytes.HasPrefix(raw, []byte("\x89PNG\r\n\x1a\n")) {
		t.Errorf("screenshot is not a PNG (%v)", err)
	}
	if bad := consoleProblems(stderr); len(bad) > 0 {
		t.Errorf("console errors while rendering:\n%s", strings.Join(bad, "\n"))
	}

	// The auditor prints the page: Chromium's print to PDF, with the print stylesheet.
	pdf := filepath.Join(dir, "report.pdf")
	_, stderr = runChromium(t, bin, "--print-to-pdf="+pdf, "--no-pdf-header-footer", pageURL)
	if raw, err := os.ReadFile(pdf); err != nil || !bytes.HasPrefix(raw, []byte("%PDF-")) || !bytes.Contains(raw, []byte("/Type /Page")) {
		t.Errorf("no PDF of the page (%v)\nstderr:\n%s", err, stderr)
	}

	dom, stderr := runChromium(t, bin, "--dump-dom", pageURL)
	if bad := consoleProblems(stderr); len(bad) > 0 {
		t.Errorf("console errors while loading:\n%s", strings.Join(bad, "\n"))
	}
	if got := bytes.Count(dom, []byte(`class="finding"`)); got != want {
		t.Errorf("the rendered DOM holds %d findings, JSON counts %d unsuppressed\n%s", got, want, dom)
	}
	if !bytes.Contains(dom, []byte(`<svg`)) {
		t.Error("no chart in the rendered DOM")
	}
	if !bytes.Contains(dom, []byte(`data-status="failed"`)) {
		t.Error("no failed guide statement in the rendered DOM")
	}
}
