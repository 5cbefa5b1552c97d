package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/deploylint/deploylint/report"
	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scanners/builtin"
)

const informationURI = "https://github.com/deploylint/deploylint"

// app carries the process's streams and environment, so commands never touch globals.
type app struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	code           int
	common         commonFlags
}

func newApp(stdout, stderr io.Writer, getenv func(string) string) *app {
	return &app{stdout: stdout, stderr: stderr, getenv: getenv}
}

func (a *app) execute(args []string) int {
	root := &cobra.Command{
		Use:           "deploylint",
		Short:         "Find vendor defaults and insecure settings in deployment configuration",
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       version(),
	}
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	root.SetArgs(args)
	a.common.register(root)
	root.AddCommand(a.scanCmd(), a.rulesCmd(), a.explainCmd(), a.versionCmd(), a.initCmd(), a.testCmd())
	if err := root.Execute(); err != nil {
		// Every error that reaches here means the scan could not run (bad flag, unreadable
		// path, broken configuration): exit 2, never 1, so CI can tell the two apart.
		fmt.Fprintf(a.stderr, "deploylint: %v\n", err)
		return exitError
	}
	return a.code
}

func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	// A numeric form keeps SARIF consumers able to compare versions.
	return "0.0.0-dev"
}

type scanFlags struct {
	format        string
	output        string
	failOn        string
	noColor       bool
	kinds         []string
	checkPerms    bool
	noCheckPerms  bool
	baseline      string
	writeBaseline string
	parseOnly     bool
	maxFileSize   int64
	changed       func(name string) bool
}

func (a *app) scanCmd() *cobra.Command {
	var f scanFlags
	cmd := &cobra.Command{
		Use:   "scan [flags] [PATH...]",
		Short: "Scan files and directories (default: the current directory)",
		Args:  cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			f.changed = cmd.Flags().Changed
			return a.scan(cmd.Context(), f, args)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.format, "format", "f", "text", "output format: "+strings.Join(report.Formats(), "|"))
	fl.StringVarP(&f.output, "output", "o", "", "write the report to FILE instead of standard output")
	fl.StringVar(&f.failOn, "fail-on", "low", "exit 1 when a finding is at or above: critical|high|medium|low|never")
	fl.BoolVar(&f.noColor, "no-color", false, "never colour the text output")
	fl.StringArrayVar(&f.kinds, "kind", nil, "force the kind of files: KIND=PATH or KIND=GLOB (repeatable)")
	fl.BoolVar(&f.checkPerms, "check-permissions", false, "check secret files' modes (FS001) even inside a git work tree")
	fl.BoolVar(&f.noCheckPerms, "no-check-permissions", false, "never check file modes (FS001)")
	fl.StringVar(&f.baseline, "baseline", "", "report findings recorded in this baseline FILE as suppressed")
	fl.StringVar(&f.writeBaseline, "write-baseline", "", "record the current findings in FILE (then use --baseline FILE)")
	fl.Int64Var(&f.maxFileSize, "max-file-size", 0, "skip files larger than this many bytes (default 10 MiB, or max_file_size)")
	fl.BoolVar(&f.parseOnly, "parse-only", false, "read and parse the files, evaluate no rule (a benchmark baseline)")
	return cmd
}

func (a *app) scan(ctx context.Context, f scanFlags, paths []string) error {
	start := time.Now()
	if len(paths) == 0 {
		paths = []string{"."}
	}
	cfg := &rules.Config{}
	if !f.parseOnly {
		var err error
		if cfg, err = a.loadConfig(&a.common, paths); err != nil {
			return err
		}
	}
	// The rules compile on one core while the files are read and parsed on the others: for a
	// pre-commit run, start-up is most of the time.
	type built struct {
		e   *rules.Engine
		err error
	}
	engine := make(chan built, 1)
	// The kinds found arrive as soon as the files are listed; the engine compiles their rules
	// (and no others) while the files are parsed.
	discovered := make(chan []string, 1)
	go func() {
		if f.parseOnly {
			e, err := rules.NewEngine(ctx) // no rules: the baseline measures reading only
			engine <- built{e, err}
			return
		}
		e, err := buildEngine(ctx, &a.common, cfg)
		if err == nil {
			if kinds, ok := <-discovered; ok {
				err = e.Prepare(ctx, kinds)
			}
		}
		engine <- built{e, err}
	}()
	wait := func() (*rules.Engine, error) { b := <-engine; return b.e, b.err }
	failOn := f.failOn
	if !f.changed("fail-on") && cfg.FailOn != "" {
		failOn = cfg.FailOn
	}
	threshold, err := rules.ParseThreshold(failOn)
	if err != nil {
		return err
	}
	kinds := cfg.ForcedKinds()
	flagKinds, err := parseKinds(f.kinds)
	if err != nil {
		return err
	}
	for p, k := range flagKinds {
		kinds[p] = k
	}
	maxSize := cfg.MaxFileSize
	if f.changed("max-file-size") {
		maxSize = f.maxFileSize
	}
	toTerminal := f.output == "" && isTerminal(a.stdout)
	w, err := report.New(f.format, report.Options{Color: toTerminal && !f.noColor && a.getenv("NO_COLOR") == ""})
	if err != nil {
		return err
	}
	var perms *bool
	switch {
	case f.checkPerms && f.noCheckPerms:
		return fmt.Errorf("--check-permissions and --no-check-permissions exclude each other")
	case f.checkPerms:
		perms = &f.checkPerms
	case f.noCheckPerms:
		off := false
		perms = &off
	}
	if runtime.GOOS == "windows" && (perms == nil || *perms) {
		fmt.Fprintln(a.stderr, "deploylint: file modes are not checked on Windows (FS001 skipped)")
	}
	var accepted map[string]bool
	if f.baseline != "" {
		if accepted, err = readBaseline(f.baseline); err != nil {
			return err
		}
	}
	progress := &rules.Progress{}
	var pl *progressLine
	if isTerminal(a.stderr) {
		pl = startProgress(a.stderr, progress, time.Second, 100*time.Millisecond)
	}
	opt := rules.ScanOptions{
		Progress: progress,
		Paths:    paths, Scanners: builtin.Scanners(), Kinds: kinds, CheckPermissions: perms, Baseline: accepted,
		ParseOnly: f.parseOnly, MaxFileSize: maxSize,
		Exclude: cfg.Exclude, Rules: cfg.Rules, ConfigPath: cfg.Path,
	}
	opt.Discovered = func(kinds []string) { discovered <- kinds }
	tree, rerr := rules.Read(opt)
	if rerr != nil {
		close(discovered)
	}
	e, err := wait()
	var res *rules.ScanResult
	if err == nil && rerr == nil {
		res, err = e.Evaluate(ctx, tree, opt)
	}
	if pl != nil {
		pl.Stop()
	}
	if err != nil {
		return err
	}
	if rerr != nil {
		return rerr
	}
	if f.writeBaseline != "" {
		if err := writeBaseline(f.writeBaseline, res.Findings); err != nil {
			return err
		}
	}
	rep := &report.Report{
		Tool:     report.Tool{Name: "deploylint", Version: version(), InformationURI: informationURI},
		Rules:    e.Catalogue.Rules,
		Findings: res.Findings,
		Files:    res.Files,
		Sources:  res.Sources,
		Redactor: e.Redactor(res.Secrets),
		Duration: time.Since(start),
	}
	out := a.stdout
	var file *os.File
	if f.output != "" {
		file, err = os.Create(f.output)
		if err != nil {
			return fmt.Errorf("create report: %w", err)
		}
		out = file
	}
	werr := w.Write(out, rep)
	if file != nil {
		if cerr := file.Close(); werr == nil && cerr != nil {
			werr = fmt.Errorf("write report %s: %w", f.output, cerr)
		}
	}
	if werr != nil {
		return fmt.Errorf("write report: %w", werr)
	}
	for _, fd := range res.Findings {
		if fd.Suppressed == nil && fd.Severity >= threshold && fd.Severity != rules.Info {
			a.code = exitFindings
			break
		}
	}
	return nil
}

// parseKinds reads --kind KIND=PATH values.
func parseKinds(vals []string) (map[string]string, error) {
	m := map[string]string{}
	for _, v := range vals {
		kind, p, ok := strings.Cut(v, "=")
		if !ok || kind == "" || p == "" {
			return nil, fmt.Errorf("--kind %q: want KIND=PATH", v)
		}
		m[strings.TrimPrefix(p, "./")] = kind
	}
	return m, nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func (a *app) rulesCmd() *cobra.Command {
	var markdown bool
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List the rules: ID, severity, kinds, title",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := a.loadSetup(cmd.Context(), &a.common, nil)
			if err != nil {
				return err
			}
			e := st.engine
			if markdown {
				_, err := io.WriteString(a.stdout, ruleTable(e.Catalogue))
				return err
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tSEVERITY\tKINDS\tTITLE")
			for _, r := range e.Catalogue.Rules {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Severity, strings.Join(r.Kinds, ","), r.Title)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&markdown, "markdown", false, "print a Markdown table (the one in README.md)")
	return cmd
}

// ruleTable renders the catalogue as the Markdown table README.md embeds.
func ruleTable(c *rules.Catalogue) string {
	var b strings.Builder
	b.WriteString("| ID | Severity | Kinds | Rule |\n| --- | --- | --- | --- |\n")
	for _, r := range c.Rules {
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", r.ID, r.Severity, strings.Join(r.Kinds, ", "), strings.ReplaceAll(r.Title, "|", "\\|"))
	}
	return b.String()
}

func (a *app) explainCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "explain ID",
		Short: "Describe a rule: what it finds, why, how to fix it, the guide sentence it enforces",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := a.loadSetup(cmd.Context(), &a.common, nil)
			if err != nil {
				return err
			}
			e := st.engine
			id := strings.ToUpper(args[0])
			r, ok := e.Catalogue.Lookup(id)
			if !ok {
				return fmt.Errorf("no rule %s (see deploylint rules)", id)
			}
			fmt.Fprintf(a.stdout, "%s (%s): %s\n\n", r.ID, r.Severity, r.Title)
			fmt.Fprintf(a.stdout, "Applies to: %s\n\n", strings.Join(r.Kinds, ", "))
			fmt.Fprintf(a.stdout, "%s\n\n", r.Description)
			fmt.Fprintf(a.stdout, "Fix: %s\n", r.Remediation)
			if r.Guide != "" {
				fmt.Fprintf(a.stdout, "\nEnforces: %s\n", r.Guide)
			}
			if len(r.Resources) > 0 {
				fmt.Fprintln(a.stdout, "\nSee:")
				for _, l := range r.Resources {
					if l.Description != "" {
						fmt.Fprintf(a.stdout, "  %s (%s)\n", l.URL, l.Description)
					} else {
						fmt.Fprintf(a.stdout, "  %s\n", l.URL)
					}
				}
			}
			return nil
		},
	}
}

func (a *app) versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprintf(a.stdout, "deploylint %s\n", version())
			return err
		},
	}
}

// ruleDoc renders a rule's documentation page (docs/rules/<ID>.md) from its METADATA.
func ruleDoc(r *rules.Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s: %s\n\n", r.ID, r.Title)
	fmt.Fprintf(&b, "Severity: **%s** · Applies to: %s\n\n", r.Severity, strings.Join(r.Kinds, ", "))
	fmt.Fprintf(&b, "%s\n\n## Fix\n\n%s\n", r.Description, r.Remediation)
	if r.Guide != "" {
		fmt.Fprintf(&b, "\n## Enforces\n\n%s\n", r.Guide)
	}
	if len(r.Resources) > 1 {
		b.WriteString("\n## See also\n\n")
		for _, l := range r.Resources[1:] {
			fmt.Fprintf(&b, "- [%s](%s)\n", l.Description, l.URL)
		}
	}
	fmt.Fprintf(&b, "\n<!-- generated from %s by make docs -->\n", r.File)
	return b.String()
}

// baselineFile is the --write-baseline format: fingerprints with enough context to review them.
type baselineFile struct {
	Version  int               `json:"version"`
	Findings []baselineFinding `json:"findings"`
}

type baselineFinding struct {
	Fingerprint string `json:"fingerprint"`
	Rule        string `json:"rule"`
	Path        string `json:"path"`
}

func writeBaseline(p string, fs []rules.Finding) error {
	b := baselineFile{Version: 1, Findings: []baselineFinding{}}
	for _, f := range fs {
		if f.Suppressed == nil {
			b.Findings = append(b.Findings, baselineFinding{Fingerprint: f.Fingerprint, Rule: f.RuleID, Path: f.Path})
		}
	}
	out, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return fmt.Errorf("write baseline: %w", err)
	}
	if err := os.WriteFile(p, append(out, '\n'), 0o600); err != nil {
		return fmt.Errorf("write baseline %s: %w", p, err)
	}
	return nil
}

func readBaseline(p string) (map[string]bool, error) {
	raw, err := os.ReadFile(p)
	if err != nil {
		return nil, fmt.Errorf("read baseline: %w", err)
	}
	var b baselineFile
	if err := json.Unmarshal(raw, &b); err != nil {
		return nil, fmt.Errorf("read baseline %s: %w", p, err)
	}
	m := make(map[string]bool, len(b.Findings))
	for _, f := range b.Findings {
		m[f.Fingerprint] = true
	}
	return m, nil
}
