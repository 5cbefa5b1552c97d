package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/deploylint/deploylint/policies"
	"github.com/deploylint/deploylint/report"
	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scan"
	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/builtin"
	"github.com/deploylint/deploylint/secret"
)

const informationURI = "https://github.com/deploylint/deploylint"

// app carries the process's streams and environment, so commands never touch globals.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	code           int
	common         commonFlags
}

func newApp(stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) *app {
	return &app{stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv}
}

func (a *app) execute(args []string) int {
	root := &cobra.Command{
		Use:           "deploylint",
		Short:         "Find vendor defaults and insecure settings in deployment configuration",
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       readBuildInfo().String(),
	}
	root.SetOut(a.stdout)
	// --version prints what the version command prints.
	root.SetVersionTemplate("deploylint {{.Version}}\n")
	root.SetErr(a.stderr)
	root.SetArgs(args)
	a.common.register(root)
	root.AddCommand(a.scanCmd(), a.fixCmd(), a.rulesCmd(), a.explainCmd(), a.guidesCmd(), a.versionCmd(), a.initCmd(), a.testCmd())
	if err := root.Execute(); err != nil {
		// Every error that reaches here means the scan could not run (bad flag, unreadable
		// path, broken configuration): exit 2, never 1, so CI can tell the two apart.
		fmt.Fprintf(a.stderr, "deploylint: %s\n", secret.Printable(err.Error()))
		return exitError
	}
	return a.code
}

type scanFlags struct {
	format        string
	outputs       []string
	annotations   int
	failOn        string
	noColor       bool
	kinds         []string
	checkPerms    bool
	noCheckPerms  bool
	skipUnknown   bool
	baseline      string
	writeBaseline string
	parseOnly     bool
	strictCompose bool
	maxFileSize   int64
	quiet         bool
	severities    []string
	enable        []string
	disable       []string
	changed       func(name string) bool
}

const scanLong = `Scan files and directories (default: the current directory) for vendor defaults and
insecure settings. A path of - reads one file from standard input, of the kind --kind KIND
names; its findings are reported at path -.

Exit codes:
  0  no finding shown at or above --fail-on
  1  findings shown at or above --fail-on
  2  deploylint cannot run (bad flag, unreadable path, broken configuration)`

const scanExample = `  deploylint scan
  deploylint scan deploy/ --format sarif --output deploylint.sarif
  deploylint scan --severity critical,high --fail-on high
  deploylint scan --enable ENV009,ACL001 --disable COMPOSE003
  deploylint scan --kind redis-acl=conf/*.txt conf/
  cat users.acl | deploylint scan --kind redis-acl -
  deploylint scan --write-baseline .deploylint-baseline.json
  deploylint scan --quiet --format json > findings.json`

func (a *app) scanCmd() *cobra.Command {
	var f scanFlags
	cmd := &cobra.Command{
		Use:     "scan [flags] [PATH...]",
		Short:   "Scan files and directories (default: the current directory)",
		Long:    scanLong,
		Example: scanExample,
		Args:    cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			f.changed = cmd.Flags().Changed
			return a.scan(cmd.Context(), f, args)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.format, "format", "f", "text", "output format: "+strings.Join(report.Formats(), "|"))
	fl.StringArrayVarP(&f.outputs, "output", "o", nil, "write the --format report to PATH instead of standard output; FORMAT=PATH writes one more report in FORMAT (repeatable)")
	fl.IntVar(&f.annotations, "annotation-limit", 0, "github format: at most N annotations of each level (error, warning, notice), most severe first; GitHub shows 10 per step (0: all)")
	fl.StringVar(&f.failOn, "fail-on", "low", "exit 1 when a finding is at or above: critical|high|medium|low|never")
	fl.BoolVar(&f.noColor, "no-color", false, "never colour the text output")
	fl.StringArrayVar(&f.kinds, "kind", nil, "force the kind of files: KIND=PATH or KIND=GLOB (repeatable); a bare KIND is the kind of standard input (path -); KIND is one of "+strings.Join(builtin.Registry().Names(true), ", "))
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "print the report only: no progress, warnings or baseline note on stderr (errors still are), and no summary line in the text format, which prints nothing for a clean run")
	fl.StringSliceVar(&f.severities, "severity", nil, "show only findings of these severities, comma-separated: "+strings.Join(severityNames(), ","))
	fl.StringSliceVar(&f.enable, "enable", nil, "run only these rule IDs, comma-separated (repeatable); META rules stay on; wins over "+rules.ConfigFileName)
	fl.StringSliceVar(&f.disable, "disable", nil, "skip these rule IDs, comma-separated (repeatable); wins over "+rules.ConfigFileName)
	fl.BoolVar(&f.checkPerms, "check-permissions", false, "check secret files' modes (FS001) even inside a git work tree")
	fl.BoolVar(&f.noCheckPerms, "no-check-permissions", false, "never check file modes (FS001)")
	fl.BoolVar(&f.skipUnknown, "skip-unknown", false, "skip a named file of no known kind instead of exiting 2 (for hooks handed every file a pattern matches: a certificate .pem, a conf.d file that is not nginx)")
	fl.StringVar(&f.baseline, "baseline", "", "report findings recorded in this baseline FILE as suppressed")
	fl.StringVar(&f.writeBaseline, "write-baseline", "", "record the current findings in FILE (then use --baseline FILE) and exit 0")
	fl.Int64Var(&f.maxFileSize, "max-file-size", 0, "skip files larger than this many bytes (default 10 MiB, or max_file_size)")
	fl.BoolVar(&f.parseOnly, "parse-only", false, "read and parse the files, evaluate no rule (a benchmark baseline)")
	fl.BoolVar(&f.strictCompose, "strict-compose", false, "load compose files through compose-go's full loader and JSON schema: report any attribute docker compose would refuse (META001), at the loader's cost")
	return cmd
}

func (a *app) scan(ctx context.Context, f scanFlags, paths []string) error {
	start := time.Now()
	opt, err := a.scanOptions(f, paths)
	if err != nil {
		return err
	}
	outs, err := parseOutputs(f.format, f.outputs)
	if err != nil {
		return err
	}
	for _, o := range outs {
		// SARIF carries each finding's repair, when it holds no secret, as the result's fixes.
		opt.Repairs = opt.Repairs || o.format == "sarif"
	}
	color := isTerminal(a.stdout) && !f.noColor && a.getenv("NO_COLOR") == ""
	ws := make([]report.Writer, len(outs))
	for i, o := range outs {
		if ws[i], err = o.writer(report.Options{Color: color, NoSummary: f.quiet}, f.annotations); err != nil {
			return err
		}
	}
	// --quiet keeps stderr for errors: they come back from here and are printed by execute.
	note := a.stderr
	if f.quiet {
		note = io.Discard
	}
	if runtime.GOOS == "windows" && (opt.CheckPermissions == nil || *opt.CheckPermissions) {
		fmt.Fprintln(note, "deploylint: file modes are not checked on Windows (FS001 skipped)")
	}
	if !f.quiet && isTerminal(a.stderr) {
		opt.Progress = &scan.Progress{}
		pl := startProgress(a.stderr, opt.Progress, time.Second, 100*time.Millisecond)
		defer pl.Stop()
	}
	res, err := scan.Run(ctx, opt)
	if err != nil {
		return err
	}
	failOn := f.failOn
	if !f.changed("fail-on") && res.Config.FailOn != "" {
		failOn = res.Config.FailOn
	}
	threshold, err := rules.ParseThreshold(failOn)
	if err != nil {
		return err
	}
	if res.NoKnownFiles {
		fmt.Fprintf(note, "deploylint: warning: no file of a known kind found under %s; use --kind KIND=GLOB to name one\n", strings.Join(scannedRoots(paths), ", "))
	}
	if f.writeBaseline != "" {
		n, err := writeBaseline(f.writeBaseline, res.Findings)
		if err != nil {
			return err
		}
		fmt.Fprintf(note, "deploylint: recorded %s in %s\n", plural(n, "finding"), f.writeBaseline)
	}
	rep := &report.Report{
		Tool:     report.Tool{Name: "deploylint", Version: version(), InformationURI: informationURI},
		Rules:    res.Catalogue.Rules,
		Findings: res.Findings,
		Files:    res.Files,
		Sources:  res.Sources,
		Redactor: res.Redactor,
		Duration: time.Since(start),
		Kinds:    res.Kinds,
		Scope:    displayScope(scannedRoots(paths)),
		Date:     reportDate(a.getenv("SOURCE_DATE_EPOCH")),
	}
	if m, err := rules.ReadGuideMap(policies.FS); err == nil {
		rep.Guides = m
	}
	for _, p := range res.Provenance {
		rep.Provenance = append(rep.Provenance, report.Provenance{RepositoryURI: p.RepositoryURI, Revision: p.Revision, Branch: p.Branch, Top: p.Top})
	}
	for i, o := range outs {
		if err := writeReport(a.stdout, o.path, ws[i], rep); err != nil {
			return err
		}
	}
	// Writing a baseline accepts the findings it records: the run that writes it succeeds.
	if f.writeBaseline == "" && rules.Fails(res.Findings, threshold) {
		a.code = exitFindings
	}
	return nil
}

// displayScope is the scanned paths as a report may print them: an absolute path by its last
// element, so that no report names the machine's folders.
func displayScope(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		if filepath.IsAbs(p) {
			p = filepath.Base(p)
		}
		out[i] = filepath.ToSlash(p)
	}
	return out
}

// reportDate is the date SOURCE_DATE_EPOCH (seconds since 1970, the reproducible-builds
// convention) names, as YYYY-MM-DD in UTC; empty when it is unset or not a number.
func reportDate(epoch string) string {
	n, err := strconv.ParseInt(strings.TrimSpace(epoch), 10, 64)
	if err != nil || n < 0 {
		return ""
	}
	return time.Unix(n, 0).UTC().Format(time.DateOnly)
}

// scannedRoots names what a scan walked, for messages: the paths given, or "." for none.
func scannedRoots(paths []string) []string {
	if len(paths) == 0 {
		return []string{"."}
	}
	return paths
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// severityNames lists the finding severities, most severe first, for flag help and errors.
func severityNames() []string {
	return []string{rules.Critical.String(), rules.High.String(), rules.Medium.String(), rules.Low.String(), rules.Info.String()}
}

// parseSeverities reads --severity; an unknown name is refused with the valid ones.
func parseSeverities(names []string) ([]rules.Severity, error) {
	out := make([]rules.Severity, 0, len(names))
	for _, n := range names {
		s, err := rules.ParseSeverity(strings.TrimSpace(n))
		if err != nil {
			return nil, fmt.Errorf("--severity %q: unknown severity (want %s)", n, strings.Join(severityNames(), ", "))
		}
		out = append(out, s)
	}
	return out, nil
}

// scanOptions turns the flags into the driver's options.
func (a *app) scanOptions(f scanFlags, paths []string) (scan.Options, error) {
	reg := builtin.RegistryWith(builtin.Options{StrictCompose: f.strictCompose})
	opt := scan.Options{
		Registry: reg, ParseOnly: f.parseOnly, Enable: f.enable, Disable: f.disable, SkipUnknown: f.skipUnknown,
		Config: scan.ConfigSource{File: a.common.config, None: a.common.noConfig}, Policies: a.common.policies, EvalTimeout: a.common.evalTimeout,
	}
	if _, err := rules.ParseThreshold(f.failOn); err != nil {
		return opt, err
	}
	var err error
	if opt.Severities, err = parseSeverities(f.severities); err != nil {
		return opt, err
	}
	if opt.Kinds, opt.StdinKind, err = parseKinds(f.kinds, reg.Names(true)); err != nil {
		return opt, err
	}
	var stdin bool
	if opt.Paths, stdin, err = splitStdin(paths, opt.StdinKind, reg.Names(true)); err != nil {
		return opt, err
	}
	if stdin {
		opt.Stdin = a.stdin
	}
	if f.changed("max-file-size") {
		opt.MaxFileSize = &f.maxFileSize
	}
	switch {
	case f.checkPerms && f.noCheckPerms:
		return opt, fmt.Errorf("--check-permissions and --no-check-permissions exclude each other")
	case f.checkPerms:
		opt.CheckPermissions = &f.checkPerms
	case f.noCheckPerms:
		off := false
		opt.CheckPermissions = &off
	}
	if f.baseline != "" {
		if opt.Baseline, err = readBaseline(f.baseline); err != nil {
			return opt, err
		}
	}
	return opt, nil
}

// writeReport writes the report to standard output or to the file named.
func writeReport(stdout io.Writer, path string, w report.Writer, rep *report.Report) error {
	out := stdout
	var file *os.File
	if path != "" {
		var err error
		if file, err = os.Create(path); err != nil {
			return fmt.Errorf("create report: %w", err)
		}
		out = file
	}
	werr := w.Write(out, rep)
	if file != nil {
		if cerr := file.Close(); werr == nil && cerr != nil {
			werr = fmt.Errorf("write report %s: %w", path, cerr)
		}
	}
	if werr != nil {
		return fmt.Errorf("write report: %w", werr)
	}
	return nil
}

// parseKinds reads --kind values: KIND=PATH and KIND=GLOB force files' kinds, a bare KIND
// (one of kinds) is the kind of standard input.
func parseKinds(vals, kinds []string) (forced map[string]string, stdinKind string, err error) {
	forced = map[string]string{}
	for _, v := range vals {
		kind, p, ok := strings.Cut(v, "=")
		if !ok && slices.Contains(kinds, v) {
			if stdinKind != "" && stdinKind != v {
				return nil, "", fmt.Errorf("--kind %s: standard input is already of kind %s", v, stdinKind)
			}
			stdinKind = v
			continue
		}
		if !ok || kind == "" || p == "" {
			return nil, "", fmt.Errorf("--kind %q: want KIND=PATH, KIND=GLOB, or KIND for standard input (KIND is one of %s)", v, strings.Join(kinds, ", "))
		}
		forced[strings.TrimPrefix(p, "./")] = kind
	}
	return forced, stdinKind, nil
}

// splitStdin takes - (standard input) out of the paths: it needs a bare --kind KIND, since
// deploylint does not guess the kind of bytes with no name, and a bare --kind needs it. A file
// named - is ./-.
func splitStdin(paths []string, stdinKind string, kinds []string) (files []string, stdin bool, err error) {
	for _, p := range paths {
		switch {
		case p != scan.StdinPath:
			files = append(files, p)
		case stdin:
			return nil, false, errors.New("- (standard input) is named more than once")
		default:
			stdin = true
		}
	}
	switch {
	case stdin && stdinKind == "":
		return nil, false, fmt.Errorf("reading standard input (-) needs --kind KIND to say what it holds (KIND is one of %s)", strings.Join(kinds, ", "))
	case !stdin && stdinKind != "":
		return nil, false, fmt.Errorf("--kind %s names the kind of standard input: add - to the paths to read it, or write --kind %s=PATH", stdinKind, stdinKind)
	}
	return files, stdin, nil
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
		Example: `  deploylint rules                     # the built-in rules
  deploylint rules --policy policies/  # with the custom rules of a folder
  deploylint rules --markdown          # the table as Markdown (as in README.md)`,
		Args: cobra.NoArgs,
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
		Short: "Describe a rule: what it finds, why, how to fix it, the guide statements it enforces",
		Example: `  deploylint explain ENV009
  deploylint explain acl001    # IDs are not case-sensitive`,
		Args: cobra.ExactArgs(1),
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
			if len(r.Statements) > 0 {
				fmt.Fprintln(a.stdout, "\nGuide statements it enforces:")
				for _, s := range r.Statements {
					fmt.Fprintf(a.stdout, "  %s %s, %s: %q\n", s.Statement, s.Guide, coverageWords(s.Coverage), s.Quote)
					if s.URL != "" {
						fmt.Fprintf(a.stdout, "    %s\n", s.URL)
					}
				}
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
		Use:     "version",
		Short:   "Print the version",
		Example: "  deploylint version",
		Args:    cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprintf(a.stdout, "deploylint %s\n", readBuildInfo())
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
	if len(r.Statements) > 0 {
		b.WriteString("\n## Guide statements\n\n")
		for _, s := range r.Statements {
			fmt.Fprintf(&b, "- [%s](../guides/%s.md#%s) %s: “%s” (%s)\n", s.Statement, s.Slug, strings.ToLower(s.Statement), s.Guide, mdCell(s.Quote), coverageWords(s.Coverage))
		}
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

// writeBaseline records the unsuppressed findings in p and returns how many it recorded.
func writeBaseline(p string, fs []rules.Finding) (int, error) {
	b := baselineFile{Version: 1, Findings: []baselineFinding{}}
	for _, f := range fs {
		if f.Suppressed == nil {
			b.Findings = append(b.Findings, baselineFinding{Fingerprint: f.Fingerprint, Rule: f.RuleID, Path: f.Path})
		}
	}
	out, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return 0, fmt.Errorf("write baseline: %w", err)
	}
	if err := os.WriteFile(p, append(out, '\n'), 0o600); err != nil {
		return 0, fmt.Errorf("write baseline %s: %w", p, err)
	}
	return len(b.Findings), nil
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

// kindTable renders the kinds registry as the Markdown table README.md embeds.
func kindTable(reg *scanners.Registry) string {
	var b strings.Builder
	b.WriteString("| kind | files | inline ignores |\n| --- | --- | --- |\n")
	for _, k := range reg.All() {
		if k.Scanner == nil {
			continue // the engine's own documents: no file has them
		}
		ignores := "`# deploylint:ignore`"
		if k.Comments == scanners.CommentNone {
			ignores = "none (the format has no comments; use `.deploylint.hcl`)"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", k.Name, k.Title, ignores)
	}
	return b.String()
}
