package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rhysd/actionlint"
	"go.yaml.in/yaml/v3"
)

// repoRoot is where action.yml lives, seen from this package.
const repoRoot = "../.."

// needProgram finds a real program the test depends on: skipped when missing, but a failure
// in CI, where .ci/run installs it.
func needProgram(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is required in CI (installed by .ci/run): %v", name, err)
		}
		t.Skipf("%s not installed; skipping (CI installs it)", name)
	}
	return p
}

// TestActionlint lints the example workflow as shipped, and a workflow that uses this
// repository's action.yml as a local action, which makes actionlint check the action's
// metadata and the inputs the workflow passes.
func TestActionlint(t *testing.T) {
	proj := t.TempDir()
	for _, d := range []string{".git", ".github/workflows", "action"} {
		if err := os.MkdirAll(filepath.Join(proj, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	example := readFile(t, filepath.Join(repoRoot, "examples/github-workflow.yml"))
	local := strings.Replace(example, "uses: deploylint/deploylint@main", "uses: ./", 1)
	if local == example {
		t.Fatal("examples/github-workflow.yml no longer uses deploylint/deploylint@main")
	}
	writeFile(t, filepath.Join(proj, ".github/workflows/example.yml"), example)
	writeFile(t, filepath.Join(proj, ".github/workflows/local.yml"), local)
	writeFile(t, filepath.Join(proj, "action.yml"), readFile(t, filepath.Join(repoRoot, "action.yml")))

	var out bytes.Buffer
	opts := &actionlint.LinterOptions{WorkingDir: proj}
	if sc, err := exec.LookPath("shellcheck"); err == nil {
		opts.Shellcheck = sc
	}
	l, err := actionlint.NewLinter(&out, opts)
	if err != nil {
		t.Fatal(err)
	}
	errs, err := l.LintRepository(proj)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range errs {
		t.Errorf("actionlint: %s:%d:%d: %s [%s]", e.Filepath, e.Line, e.Column, e.Message, e.Kind)
	}

	// A workflow passing an input the action does not have must be caught, or the check above
	// proves nothing.
	writeFile(t, filepath.Join(proj, ".github/workflows/local.yml"), strings.Replace(local, "fail-on: high", "fail-level: high", 1))
	errs, err = l.LintRepository(proj)
	if err != nil {
		t.Fatal(err)
	}
	if len(errs) == 0 {
		t.Error("actionlint accepted an input action.yml does not declare: it is not reading action.yml")
	}
}

// TestActionScriptsShellcheck: the scripts the composite steps run are clean for shellcheck.
func TestActionScriptsShellcheck(t *testing.T) {
	sc := needProgram(t, "shellcheck")
	scripts, _ := filepath.Glob(filepath.Join(repoRoot, "action", "*.sh"))
	if len(scripts) == 0 {
		t.Fatal("no action/*.sh")
	}
	out, err := exec.Command(sc, append([]string{"--shell=bash"}, scripts...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("shellcheck: %v\n%s", err, out)
	}
}

// actionMeta is the part of action.yml the local runner needs.
type actionMeta struct {
	Inputs map[string]struct {
		Default string `yaml:"default"`
	} `yaml:"inputs"`
	Runs struct {
		Using string `yaml:"using"`
		Steps []struct {
			ID    string            `yaml:"id"`
			Uses  string            `yaml:"uses"`
			Run   string            `yaml:"run"`
			Shell string            `yaml:"shell"`
			Env   map[string]string `yaml:"env"`
		} `yaml:"steps"`
	} `yaml:"runs"`
}

var expr = regexp.MustCompile(`\$\{\{\s*([^}]+?)\s*\}\}`)

// TestActionStepsRunLocally runs the composite action's shell steps as the runner would:
// inputs substituted, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_WORKSPACE and RUNNER_TEMP as
// temporary files, step outputs passed on. The uses: steps (setup-go) are the runner's job.
func TestActionStepsRunLocally(t *testing.T) {
	if testing.Short() {
		t.Skip("builds deploylint; skipped with -short")
	}
	needProgram(t, "go")
	var meta actionMeta
	if err := yaml.Unmarshal([]byte(readFile(t, filepath.Join(repoRoot, "action.yml"))), &meta); err != nil {
		t.Fatal(err)
	}
	if meta.Runs.Using != "composite" {
		t.Fatalf("runs.using = %q, want composite", meta.Runs.Using)
	}
	actionPath, err := filepath.Abs(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	workspace := t.TempDir()
	copyTree(t, filepath.Join(repoRoot, "fixtures/stacks/cosmos-default"), filepath.Join(workspace, "deploy"))
	tmp := t.TempDir()
	summary := filepath.Join(tmp, "summary.md")
	inputs := map[string]string{}
	for k, v := range meta.Inputs {
		inputs[k] = v.Default
	}
	inputs["path"] = "deploy"
	inputs["sarif-file"] = "out/deploylint.sarif"
	if err := os.MkdirAll(filepath.Join(workspace, "out"), 0o755); err != nil {
		t.Fatal(err)
	}
	stepOutputs := map[string]map[string]string{}
	var lastCode int
	var log string
	for i, st := range meta.Runs.Steps {
		if st.Run == "" {
			continue
		}
		if st.Shell != "bash" {
			t.Fatalf("step %d: shell %q, want bash", i, st.Shell)
		}
		output := filepath.Join(tmp, "output-"+strconv.Itoa(i))
		writeFile(t, output, "")
		env := append(os.Environ(),
			"GITHUB_ACTION_PATH="+actionPath,
			"GITHUB_WORKSPACE="+workspace,
			"GITHUB_OUTPUT="+output,
			"GITHUB_STEP_SUMMARY="+summary,
			"RUNNER_TEMP="+tmp,
		)
		for k, v := range st.Env {
			env = append(env, k+"="+substitute(t, v, inputs, stepOutputs))
		}
		cmd := exec.Command("bash", "-e", "-c", substitute(t, st.Run, inputs, stepOutputs))
		cmd.Dir = workspace
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		log = string(out)
		lastCode = 0
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			lastCode = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if lastCode != 0 && i < len(meta.Runs.Steps)-1 {
			t.Fatalf("step %q failed (%d):\n%s", st.ID, lastCode, out)
		}
		stepOutputs[st.ID] = readOutputs(t, output)
	}

	// The demo stack has findings at every severity down to medium: fail-on low fails the step.
	if lastCode != 1 {
		t.Fatalf("scan step exit = %d, want 1\n%s", lastCode, log)
	}
	if !regexp.MustCompile(`(?m)^::error file=deploy/\.env,line=\d+,`).MatchString(log) {
		t.Errorf("the log has no ::error annotation for deploy/.env:\n%s", log)
	}
	outs := stepOutputs["scan"]
	if outs["sarif-file"] != "out/deploylint.sarif" {
		t.Errorf("output sarif-file = %q", outs["sarif-file"])
	}
	var sarif struct {
		Runs []struct {
			Results []json.RawMessage `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(workspace, "out/deploylint.sarif"))), &sarif); err != nil {
		t.Fatalf("SARIF: %v", err)
	}
	n, err := strconv.Atoi(outs["findings"])
	if err != nil || n == 0 || len(sarif.Runs) != 1 || len(sarif.Runs[0].Results) != n {
		t.Errorf("output findings = %q; SARIF holds %d results", outs["findings"], len(sarif.Runs[0].Results))
	}
	sum := readFile(t, summary)
	if !strings.Contains(sum, "ENV001") || !strings.Contains(sum, "deploy/.env") {
		t.Errorf("job summary lacks the findings:\n%s", sum)
	}
}

func substitute(t *testing.T, s string, inputs map[string]string, steps map[string]map[string]string) string {
	t.Helper()
	return expr.ReplaceAllStringFunc(s, func(m string) string {
		e := expr.FindStringSubmatch(m)[1]
		switch {
		case strings.HasPrefix(e, "inputs."):
			return inputs[strings.TrimPrefix(e, "inputs.")]
		case strings.HasPrefix(e, "steps."):
			parts := strings.Split(e, ".")
			if len(parts) == 4 && parts[2] == "outputs" {
				return steps[parts[1]][parts[3]]
			}
		}
		t.Fatalf("the local runner does not know the expression %q", m)
		return ""
	})
}

func readOutputs(t *testing.T, p string) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, line := range strings.Split(readFile(t, p), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			m[k] = v
		}
	}
	return m
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func writeFile(t *testing.T, p, s string) {
	t.Helper()
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
