package scan

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/deploylint/deploylint/policies"
	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scanners"
)

// ConfigSource says which configuration a scan reads.
type ConfigSource struct {
	// File is the configuration to read; "" looks for one (see FindConfig).
	File string
	// None reads no configuration at all.
	None bool
}

// maxConfigSize bounds a configuration file: a real one is a few hundred bytes.
const maxConfigSize = 1 << 20

// LoadConfig reads the configuration src names, or the one found for the first path; none
// found is an empty configuration.
func LoadConfig(src ConfigSource, paths []string) (*rules.Config, error) {
	if src.None {
		if src.File != "" {
			return nil, errors.New("--config and --no-config exclude each other")
		}
		return &rules.Config{}, nil
	}
	file := src.File
	if file == "" {
		start := "."
		if len(paths) > 0 {
			start = paths[0]
		}
		found, ok := FindConfig(start)
		if !ok {
			return &rules.Config{}, nil
		}
		file = found
	}
	b, err := scanners.ReadRegular(file, maxConfigSize)
	if err != nil {
		return nil, fmt.Errorf("configuration:\n%w", fmt.Errorf("read config: %w", err))
	}
	cfg, err := rules.ParseConfig(file, b)
	if err != nil {
		return nil, fmt.Errorf("configuration:\n%w", err)
	}
	return cfg, nil
}

// FindConfig looks for .deploylint.hcl in dir, then in its parents up to the git work tree's
// top (the folder holding .git), and never above it: a stray file in a home folder must not
// change a repository's result.
func FindConfig(dir string) (string, bool) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", false
	}
	if st, err := os.Stat(abs); err == nil && !st.IsDir() {
		abs = filepath.Dir(abs)
	}
	for d := abs; ; {
		p := filepath.Join(d, rules.ConfigFileName)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return p, true
		}
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return "", false
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", false
		}
		d = parent
	}
}

// EngineOptions says which rules an engine holds.
type EngineOptions struct {
	Registry *scanners.Registry
	Config   *rules.Config
	// Policies are custom policy folders from the command line; the configuration's
	// policy_dirs are added to them.
	Policies    []string
	EvalTimeout time.Duration
	// Tests also loads _test.rego files (deploylint test).
	Tests bool
}

// NewEngine compiles the built-in and custom policies and checks the configuration against
// the catalogue.
func NewEngine(ctx context.Context, opt EngineOptions) (*rules.Engine, error) {
	cfg := opt.Config
	if cfg == nil {
		cfg = &rules.Config{}
	}
	sources := []rules.PolicySource{{Name: "builtin", FS: policies.FS}}
	for _, d := range append(slices.Clone(opt.Policies), cfg.PolicyDirs...) {
		src, err := PolicyFolder(d)
		if err != nil {
			return nil, err
		}
		sources = append(sources, src)
	}
	e, err := rules.NewEngineWith(ctx, rules.EngineOptions{
		Sources: sources, Config: cfg.PolicyData(), EvalTimeout: opt.EvalTimeout, Tests: opt.Tests,
	})
	if err != nil {
		return nil, fmt.Errorf("load rules: %w", err)
	}
	if err := cfg.CheckRules(e.Catalogue, opt.Registry.Names(true)); err != nil {
		return nil, err
	}
	if err := checkCustomKinds(e.Catalogue, opt.Registry.Names(false)); err != nil {
		return nil, err
	}
	return e, nil
}

// PolicyFolder is a folder of custom policies as a policy source.
func PolicyFolder(d string) (rules.PolicySource, error) {
	st, err := os.Stat(d)
	if err != nil {
		return rules.PolicySource{}, fmt.Errorf("policy folder: %w", err)
	}
	if !st.IsDir() {
		return rules.PolicySource{}, fmt.Errorf("policy folder %s is not a folder", d)
	}
	return rules.PolicySource{Name: filepath.ToSlash(filepath.Clean(d)), FS: os.DirFS(d), Custom: true}, nil
}

// checkCustomKinds refuses a custom rule whose kinds name nothing deploylint reads: it would
// silently never run.
func checkCustomKinds(cat *rules.Catalogue, kinds []string) error {
	var errs []error
	for _, r := range cat.Rules {
		if !r.Custom {
			continue
		}
		for _, k := range r.Kinds {
			if !slices.Contains(kinds, k) {
				errs = append(errs, fmt.Errorf("%s: rule %s: kind %q is not one deploylint reads (want one of %s)", r.File, r.ID, k, strings.Join(kinds, ", ")))
			}
		}
	}
	return errors.Join(errs...)
}
