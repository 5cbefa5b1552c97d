// Package scan is deploylint's driver: the only code that sequences a scan. It discovers the
// files, reads and parses them, groups them into deployment folders, adds what the parsers
// cannot know (stack, git status, modes, mounts), has the engine judge every document, then
// applies inline ignores, the configuration's rule settings and the baseline, and sorts.
package scan

import (
	"context"
	"crypto/rand"
	"errors"
	"io"
	"runtime"
	"time"

	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/gitrepo"
	"github.com/deploylint/deploylint/secret"
)

// Options says what to scan and how. The zero value of every field but Paths and Registry is
// a sensible default.
type Options struct {
	// Paths are the files and folders to scan; none means the working directory.
	Paths []string
	// Registry holds the kinds deploylint reads.
	Registry *scanners.Registry
	// Config says which configuration file to read.
	Config ConfigSource
	// Policies are folders of custom policies named on the command line.
	Policies []string
	// EvalTimeout bounds one custom rule on one document; 0 means rules.DefaultEvalTimeout.
	EvalTimeout time.Duration
	// Kinds forces a kind for a path or glob (relative to its scan root, or as given), over
	// the configuration's kind blocks.
	Kinds map[string]string
	// ByteBudget bounds the bytes one scan reads in all; files beyond it are skipped with an
	// info finding. 0 means 1 GiB.
	ByteBudget int64
	// MaxFileSize, when set, overrides the configuration's max_file_size; larger files are
	// skipped with an info finding. 0 (either way) means 10 MiB.
	MaxFileSize *int64
	// CheckPermissions forces (true) or disables (false) the file-mode rule; nil decides per
	// scanned path: on outside a git work tree, off inside one.
	CheckPermissions *bool
	// CheckGit turns off (false) reading the git work tree a scanned path lies in (FS002).
	CheckGit *bool
	// SkipUnknown skips a file named in Paths whose kind cannot be told, as a directory's
	// files are skipped, instead of failing the scan (a hook's file list).
	SkipUnknown bool
	// ParseOnly reads and parses every file but evaluates no rule and reads no
	// configuration: the benchmark's measure of what the rules cost on top of reading.
	ParseOnly bool
	// Enable, when set, runs only these rules (and those split from them); deploylint's own
	// META rules stay on unless disabled. Disable turns rules off. Both win over the
	// configuration's rule blocks; an ID the catalogue lacks is an error.
	Enable, Disable []string
	// Severities, when set, keeps only the findings of these severities: what is not shown
	// cannot fail a run either.
	Severities []rules.Severity
	// Stdin, when set, is read (up to the file size limit) as one more file, of kind
	// StdinKind, reported as StdinPath. Nothing it names is read (includes, env_file, the .env
	// beside it), and it has no file mode or git status: it is not on disk.
	Stdin     io.Reader
	StdinKind string
	// Baseline holds fingerprints of accepted findings: they are reported as suppressed.
	Baseline map[string]bool
	// Workers bounds parsing and evaluation concurrency; 0 means GOMAXPROCS.
	Workers int
	// EagerFiles is how many files are parsed before the rules are ready; a larger scan
	// streams its groups. 0 means 512; tests set 1 to stream small trees.
	EagerFiles int
	// Progress, when set, is updated as files are parsed and evaluated.
	Progress *Progress
	// Engine, when set, judges the documents instead of one compiled for the scan from the
	// built-in policies, Policies and the configuration's policy_dirs: a caller running many
	// scans compiles once.
	Engine *rules.Engine
	// Discovered, when set, is told the kinds of the files found before any is parsed.
	Discovered func(kinds []string)

	// Repairs, when set, plans the repairs of the findings that hold no secret and gives each
	// finding its Repair (SARIF's fixes); deploylint fix plans all of them (Fix).
	Repairs bool

	// collect, when set, is told where each reported file is and which folder it belongs
	// to: what planning repairs needs after the scan.
	collect *fileIndex
	// cryptLimit, when set, replaces the SHA-512 crypt work limit (crypt.go): for tests.
	cryptLimit *cryptLimit
}

// Result is everything a reporter needs from a scan.
type Result struct {
	Findings []rules.Finding
	// Files lists the paths of the files scanned, sorted.
	Files []string
	// Kinds lists the kinds of the files scanned, sorted: a report tells a guide statement no
	// file of the scan could break from one the scan found kept.
	Kinds   []string
	Skipped []scanners.Skipped
	// Sources maps every reported path (scanned files and the files they include) to the
	// file on disk, for reports that quote the offending line.
	Sources map[string]string
	// Config is the configuration the scan used (empty when none was found).
	Config *rules.Config
	// Catalogue lists the rules the scan ran, at the severities the configuration gives them.
	Catalogue *rules.Catalogue
	// Redactor masks the scan's secrets in anything printed: the findings' messages already
	// went through it; reports quoting source lines and error output use it too.
	Redactor *secret.Redactor
	// Secrets are the secrets the parsers marked, under the paths the scan reports.
	Secrets []secret.Span
	// Provenance names the checkout of each git work tree scanned that has a remote, sorted
	// by repository and commit.
	Provenance []gitrepo.Provenance
	// NoKnownFiles is true when the scan found no file of a kind deploylint reads: an empty
	// folder, or the wrong one.
	NoKnownFiles bool
}

// StdinPath is the path reported for the file read from standard input, as the command
// line names it.
const StdinPath = "-"

const (
	defaultMaxFileSize = 10 << 20
	defaultByteBudget  = 1 << 30
	// defaultEagerFiles is how many files are parsed at once, before the rules are ready:
	// every pre-commit run and single-stack scan, while a monorepo streams.
	defaultEagerFiles = 512
)

// Run scans. It fails only when a requested path cannot be read, the configuration or a
// policy is broken, or a rule cannot be evaluated; a file that cannot be parsed is a META001
// finding and the scan goes on.
func Run(ctx context.Context, opt Options) (*Result, error) {
	if len(opt.Paths) == 0 && opt.Stdin == nil {
		opt.Paths = []string{"."}
	}
	if opt.Registry == nil {
		return nil, errors.New("scan: no kinds registry")
	}
	if opt.Repairs && opt.collect == nil {
		opt.collect = &fileIndex{}
	}
	cfg := &rules.Config{}
	if !opt.ParseOnly {
		var err error
		if cfg, err = LoadConfig(opt.Config, opt.Paths); err != nil {
			return nil, err
		}
	}
	settings := settingsOf(opt, cfg)

	// The rules compile on one core while the files are read and parsed on the others: for a
	// pre-commit run, start-up is most of the time. The kinds found arrive as soon as the
	// files are listed, and only their rules are compiled.
	type built struct {
		e   *rules.Engine
		err error
	}
	engine := make(chan built, 1)
	discovered := make(chan []string, 1)
	go func() {
		if opt.Engine != nil {
			if kinds, ok := <-discovered; ok {
				engine <- built{opt.Engine, opt.Engine.Prepare(ctx, kinds)}
				return
			}
			engine <- built{opt.Engine, nil}
			return
		}
		if opt.ParseOnly {
			e, err := rules.NewEngine(ctx) // no rules: the baseline measures reading only
			engine <- built{e, err}
			return
		}
		e, err := NewEngine(ctx, EngineOptions{Registry: opt.Registry, Config: cfg, Policies: opt.Policies, EvalTimeout: opt.EvalTimeout})
		if err == nil {
			if kinds, ok := <-discovered; ok {
				err = e.Prepare(ctx, kinds)
			}
		}
		engine <- built{e, err}
	}()

	t, rerr := read(settings, func(kinds []string) {
		if opt.Discovered != nil {
			opt.Discovered(kinds)
		}
		discovered <- kinds
	})
	if rerr != nil {
		close(discovered)
	}
	b := <-engine
	if b.err != nil {
		return nil, b.err
	}
	if rerr != nil {
		return nil, rerr
	}
	selected, err := selectRules(b.e.Catalogue, settings.rules, opt.Enable, opt.Disable)
	if err != nil {
		return nil, err
	}
	settings.rules = b.e.Catalogue.WithSettings(selected)
	known := len(t.groups) > 0 || len(t.extra) > 0
	res, err := evaluate(ctx, b.e, t, settings)
	if err != nil {
		return nil, err
	}
	res.Config, res.Catalogue = cfg, b.e.Catalogue.WithSeverities(settings.rules)
	res.NoKnownFiles = !known
	if opt.Repairs {
		// The secrets a plan makes up are thrown away: only repairs without one are kept.
		plan, err := planRepairs(res, opt, rand.Reader, true)
		if err != nil {
			return nil, err
		}
		attachRepairs(res, plan)
	}
	return res, nil
}

// settings are the options once the configuration is merged in and defaults are applied.
type settings struct {
	Options
	kinds      map[string]string
	exclude    []string
	rules      map[string]rules.RuleSetting
	configPath string
	maxSize    int64
	budget     int64
	crypt      cryptLimit
}

func settingsOf(opt Options, cfg *rules.Config) settings {
	s := settings{Options: opt, exclude: cfg.Exclude, rules: cfg.Rules, configPath: cfg.Path}
	s.kinds = cfg.ForcedKinds()
	for p, k := range opt.Kinds {
		s.kinds[p] = k
	}
	s.maxSize = cfg.MaxFileSize
	if opt.MaxFileSize != nil {
		s.maxSize = *opt.MaxFileSize
	}
	if s.maxSize <= 0 {
		s.maxSize = defaultMaxFileSize
	}
	s.crypt = cryptLimit{files: cryptFiles, rounds: cryptRoundsPerFile}
	if opt.cryptLimit != nil {
		s.crypt = *opt.cryptLimit
	}
	s.budget = opt.ByteBudget
	if s.budget <= 0 {
		s.budget = defaultByteBudget
	}
	if s.Workers <= 0 {
		s.Workers = runtime.GOMAXPROCS(0)
	}
	if s.EagerFiles <= 0 {
		s.EagerFiles = defaultEagerFiles
	}
	if s.Progress == nil {
		s.Progress = &Progress{}
	}
	return s
}

// Inputs reads and parses what opt names, as Run does, and returns every document to be judged
// with its facts, in the order of the files: what the rules would see, for tests of input
// shapes and benchmarks of the engine alone. No rule runs and no configuration is read.
func Inputs(opt Options) ([]rules.Input, error) {
	if len(opt.Paths) == 0 {
		opt.Paths = []string{"."}
	}
	if opt.Registry == nil {
		return nil, errors.New("scan: no kinds registry")
	}
	s := settingsOf(opt, &rules.Config{})
	s.EagerFiles = 1 // parse below, group by group
	t, err := read(s, func([]string) {})
	if err != nil {
		return nil, err
	}
	var out []rules.Input
	for _, g := range t.groups {
		for _, j := range t.reader.group(g) {
			if !j.target.Context {
				out = append(out, j.in)
			}
		}
	}
	for _, j := range t.extra {
		out = append(out, j.in)
	}
	return out, nil
}
