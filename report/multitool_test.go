package report_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/deploylint/deploylint/report"
)

// multitool finds the native SARIF multitool: $DEPLOYLINT_SARIF_MULTITOOL, Sarif.Multitool on
// PATH, or the npm package @microsoft/sarif-multitool-linux installed under the repository
// root, .ci/node (where .ci/run installs it) or /tmp/sarif. The package's node_modules/.bin
// entry is a bin.js wrapper that runs the binary through a shell, which cuts the ';'-separated
// option lists apart, so the binary beside bin.js is used instead.
func multitool(t *testing.T) (bin, tried string) {
	t.Helper()
	if p := os.Getenv("DEPLOYLINT_SARIF_MULTITOOL"); p != "" {
		return p, ""
	}
	if p, err := exec.LookPath("Sarif.Multitool"); err == nil {
		return p, ""
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for _, dir := range []string{root, filepath.Join(root, ".ci", "node"), "/tmp/sarif"} {
		link := filepath.Join(dir, "node_modules", ".bin", "sarif-multitool-linux")
		dirs = append(dirs, link)
		js, err := filepath.EvalSymlinks(link)
		if err != nil {
			continue
		}
		p := filepath.Join(filepath.Dir(js), "Sarif.Multitool")
		if _, err := os.Stat(p); err == nil {
			return p, ""
		}
	}
	return "", strings.Join(dirs, ", ")
}

// multitoolConfig turns off SARIF2006, the one rule that fetches every URI in the log over
// the network; tests stay offline.
const multitoolConfig = `<?xml version="1.0" encoding="utf-8"?>
<Properties>
  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">
    <Property Key="RuleEnabled" Value="Disabled" />
  </Properties>
</Properties>
`

// issue is one problem the multitool found in one of our logs.
type issue struct{ file, rule, level string }

// validate runs `Sarif.Multitool validate` with the SARIF and GitHub rule sets over files and
// reads its own SARIF output, rather than scraping the console. File names come first: the
// multitool's list options (--rule-kind "Sarif;Gh") swallow any argument that follows them.
func validate(t *testing.T, bin string, files ...string) []issue {
	t.Helper()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "multitool.xml")
	if err := os.WriteFile(cfg, []byte(multitoolConfig), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "validation.sarif")
	args := append([]string{"validate"}, files...)
	args = append(args, "--rule-kind", "Sarif;Gh", "--level", "Error;Warning;Note", "--config", cfg, "--output", out)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), "DOTNET_CLI_TELEMETRY_OPTOUT=1", "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1")
	console, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", bin, strings.Join(args, " "), err, console)
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("multitool wrote no output: %v\n%s", err, console)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID    string `json:"ruleId"`
				Level     string `json:"level"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string } `json:"artifactLocation"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
			Invocations []struct {
				ExecutionSuccessful bool `json:"executionSuccessful"`
			} `json:"invocations"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(raw, &log); err != nil {
		t.Fatalf("multitool output: %v", err)
	}
	var issues []issue
	for _, run := range log.Runs {
		for _, inv := range run.Invocations {
			if !inv.ExecutionSuccessful {
				t.Fatalf("multitool run failed:\n%s", console)
			}
		}
		for _, r := range run.Results {
			is := issue{rule: r.RuleID, level: r.Level}
			if is.level == "" {
				is.level = "warning" // SARIF's default level
			}
			if len(r.Locations) > 0 {
				if u, err := url.Parse(r.Locations[0].PhysicalLocation.ArtifactLocation.URI); err == nil {
					is.file = path.Base(u.Path)
				}
			}
			issues = append(issues, is)
		}
	}
	return issues
}

// tally counts one file's issues by level and lists their rules, e.g. "SARIF2002×5".
func tally(issues []issue, file string) (byLevel map[string]int, byRule string) {
	byLevel = map[string]int{}
	rules := map[string]int{}
	for _, is := range issues {
		if is.file == file {
			byLevel[is.level]++
			rules[is.level+" "+is.rule]++
		}
	}
	keys := make([]string, 0, len(rules))
	for k := range rules {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s×%d", k, rules[k]))
	}
	return byLevel, strings.Join(parts, ", ")
}

// TestSARIFMultitool validates our SARIF with Microsoft's multitool and GitHub's rules: zero
// errors and zero warnings for the golden report and for the whole built-in catalogue. The
// multitool reports nothing at all for a log it fails to load (it did so for null-valued
// suppression fields), so a canary — the golden without $schema — must draw GH1013.
func TestSARIFMultitool(t *testing.T) {
	bin, tried := multitool(t)
	if bin == "" {
		msg := "SARIF multitool not found (looked for $DEPLOYLINT_SARIF_MULTITOOL, Sarif.Multitool on PATH, " + tried +
			"); install it with: npm install --ignore-scripts --prefix .ci/node @microsoft/sarif-multitool-linux@5.7.0 && " +
			"chmod u+x .ci/node/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	st, err := os.Stat(bin)
	if err != nil {
		t.Fatalf("SARIF multitool: %v", err)
	}
	if st.Mode()&0o111 == 0 {
		t.Fatalf("SARIF multitool %s is not executable (npm install --ignore-scripts leaves it 0644): chmod u+x it", bin)
	}

	dir := t.TempDir()
	golden := render(t, "sarif", report.Options{})
	var canary map[string]any
	if err := json.Unmarshal(golden, &canary); err != nil {
		t.Fatal(err)
	}
	delete(canary, "$schema")
	canaryJSON, err := json.MarshalIndent(canary, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"golden.sarif":    golden,
		"catalogue.sarif": write(t, "sarif", report.Options{}, catalogueReport(t)),
		"canary.sarif":    canaryJSON,
	}
	var paths []string
	for _, name := range []string{"golden.sarif", "catalogue.sarif", "canary.sarif"} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, files[name], 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	issues := validate(t, bin, paths...)

	canaryLevels, canaryRules := tally(issues, "canary.sarif")
	if canaryLevels["error"] == 0 || !strings.Contains(canaryRules, "error GH1013") {
		t.Fatalf("the multitool did not check our log: without $schema it must draw error GH1013; got %q", canaryRules)
	}
	for _, name := range []string{"golden.sarif", "catalogue.sarif"} {
		byLevel, byRule := tally(issues, name)
		t.Logf("%s: %d errors, %d warnings, %d notes (%s)", name, byLevel["error"], byLevel["warning"], byLevel["note"], byRule)
		if byLevel["error"] > 0 || byLevel["warning"] > 0 {
			t.Errorf("%s: the multitool reports %s", name, byRule)
		}
	}
}
