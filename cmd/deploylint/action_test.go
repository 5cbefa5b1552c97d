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
	// The bot-branch workflow reads the action's binary output: actionlint checks it exists.
	fixFlow := readFile(t, filepath.Join(repoRoot, "examples/fix-workflow.yml"))
	writeFile(t, filepath.Join(proj, ".github/workflows/fix.yml"), strings.Replace(fixFlow, "uses: deploylint/deploylint@main", "uses: ./", 1))
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
		Using string       `yaml:"using"`
		Steps []actionStep `yaml:"steps"`
	} `yaml:"runs"`
}

type actionStep struct {
	ID    string            `yaml:"id"`
	Uses  string            `yaml:"uses"`
	Run   string            `yaml:"run"`
	Shell string            `yaml:"shell"`
	Env   map[string]string `yaml:"env"`
}

var expr = regexp.MustCompile(`\$\{\{\s*([^}]+?)\s*\}\}`)

// actionRun is one run of the composite action by localAction.
type actionRun struct {
	workspace, summary string
	// code and log are those of the last step that ran: the scan, or the step that failed.
	code    int
	log     string
	outputs map[string]map[string]string
}

// localAction runs the composite action's shell steps as the runner would: inputs substituted
// over the defaults, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_WORKSPACE and RUNNER_TEMP as
// temporary files, step outputs passed on, and stops at the first step that fails. The uses:
// steps (actions/cache) are the runner's: the cache they would restore is a folder the
// install step finds filled or empty. The workspace holds the demo stack at deploy/.
func localAction(t *testing.T, inputs map[string]string, actionRef string, env ...string) actionRun {
	t.Helper()
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
	r := actionRun{workspace: t.TempDir(), outputs: map[string]map[string]string{}}
	copyTree(t, filepath.Join(repoRoot, "fixtures/stacks/cosmos-default"), filepath.Join(r.workspace, "deploy"))
	tmp := t.TempDir()
	r.summary = filepath.Join(tmp, "summary.md")
	in := map[string]string{}
	for k, v := range meta.Inputs {
		in[k] = v.Default
	}
	for k, v := range inputs {
		if _, ok := in[k]; !ok {
			t.Fatalf("action.yml has no input %q", k)
		}
		in[k] = v
	}
	ctx := map[string]string{"github.action_ref": actionRef}
	for i, st := range meta.Runs.Steps {
		if st.Run == "" {
			continue
		}
		if st.Shell != "bash" {
			t.Fatalf("step %d: shell %q, want bash", i, st.Shell)
		}
		output := filepath.Join(tmp, "output-"+strconv.Itoa(i))
		writeFile(t, output, "")
		stepEnv := append(os.Environ(),
			"GITHUB_ACTION_PATH="+actionPath,
			"GITHUB_WORKSPACE="+r.workspace,
			"GITHUB_OUTPUT="+output,
			"GITHUB_STEP_SUMMARY="+r.summary,
			"RUNNER_TEMP="+tmp,
		)
		stepEnv = append(stepEnv, env...)
		for k, v := range st.Env {
			stepEnv = append(stepEnv, k+"="+substitute(t, v, in, ctx, r.outputs))
		}
		cmd := exec.Command("bash", "-e", "-c", substitute(t, st.Run, in, ctx, r.outputs))
		cmd.Dir = r.workspace
		cmd.Env = stepEnv
		out, err := cmd.CombinedOutput()
		r.log = string(out)
		r.code = 0
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			r.code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		r.outputs[st.ID] = readOutputs(t, output)
		if r.code != 0 {
			break
		}
	}
	return r
}

// TestActionStepsRunLocally runs the action as a workflow on a branch uses it: no release for
// the ref, so it builds its checkout, then one scan writes the annotations, the SARIF
// report, the job summary and the outputs.
func TestActionStepsRunLocally(t *testing.T) {
	if testing.Short() {
		t.Skip("builds deploylint; skipped with -short")
	}
	needProgram(t, "go")
	r := localAction(t, map[string]string{"path": "deploy", "sarif-file": "out/deploylint.sarif"}, "main")
	checkActionScan(t, r)
	if r.outputs["resolve"]["version"] != "" || !strings.Contains(r.outputs["install"]["binary"], "deploylint-src") {
		t.Errorf("a branch has no release: want a build from source, got outputs %v", r.outputs)
	}
}

// checkActionScan checks what the scan step of a run on the demo stack produced.
func checkActionScan(t *testing.T, r actionRun) {
	t.Helper()
	// The demo stack has findings at every severity down to medium: fail-on low fails the step.
	if r.code != 1 {
		t.Fatalf("exit = %d, want 1 from the scan step\n%s", r.code, r.log)
	}
	if !regexp.MustCompile(`(?m)^::error file=deploy/\.env,line=\d+,`).MatchString(r.log) {
		t.Errorf("the log has no ::error annotation for deploy/.env:\n%s", r.log)
	}
	// The demo stack raises 11 errors: GitHub would show 10 and drop one unsaid.
	if n := len(regexp.MustCompile(`(?m)^::error `).FindAllString(r.log, -1)); n != 10 || !strings.Contains(r.log, "1 more findings are not annotated") {
		t.Errorf("%d ::error annotations, want GitHub's 10 and a line for the rest:\n%s", n, r.log)
	}
	outs := r.outputs["scan"]
	if outs["sarif-file"] != "out/deploylint.sarif" {
		t.Errorf("output sarif-file = %q", outs["sarif-file"])
	}
	var sarif struct {
		Runs []struct {
			Results []json.RawMessage `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(r.workspace, "out/deploylint.sarif"))), &sarif); err != nil {
		t.Fatalf("SARIF: %v", err)
	}
	n, err := strconv.Atoi(outs["findings"])
	if err != nil || n == 0 || len(sarif.Runs) != 1 || len(sarif.Runs[0].Results) != n {
		t.Errorf("output findings = %q; SARIF holds %d results", outs["findings"], len(sarif.Runs[0].Results))
	}
	sum := readFile(t, r.summary)
	if !strings.Contains(sum, "ENV001") || !strings.Contains(sum, "deploy/.env") {
		t.Errorf("job summary lacks the findings:\n%s", sum)
	}
}

func substitute(t *testing.T, s string, inputs, ctx map[string]string, steps map[string]map[string]string) string {
	t.Helper()
	return expr.ReplaceAllStringFunc(s, func(m string) string {
		e := expr.FindStringSubmatch(m)[1]
		if v, ok := ctx[e]; ok {
			return v
		}
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

// TestActionPinsByCommit: a tag can be moved to other code, a commit cannot, so every action
// this one uses is named by its full commit.
func TestActionPinsByCommit(t *testing.T) {
	var meta actionMeta
	if err := yaml.Unmarshal([]byte(readFile(t, filepath.Join(repoRoot, "action.yml"))), &meta); err != nil {
		t.Fatal(err)
	}
	pinned := regexp.MustCompile(`^[\w.-]+/[\w./-]+@[0-9a-f]{40}$`)
	uses := 0
	for _, st := range meta.Runs.Steps {
		if st.Uses == "" {
			continue
		}
		uses++
		if !pinned.MatchString(st.Uses) {
			t.Errorf("step %q uses %q: pin it by commit (owner/repo@<40 hex> # vX.Y.Z)", st.ID, st.Uses)
		}
	}
	if uses == 0 {
		t.Error("action.yml uses no action: the cache step is gone, or the parse is wrong")
	}
}
