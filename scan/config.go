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
	"github.com/deploylint/deploylint/scanners/confine"
	"github.com/deploylint/deploylint/secret"
)

// ConfigSource says which configuration a scan reads.
type ConfigSource struct {
	// File is the configuration to read; "" looks for one (see FindConfig).
	File string
	// None reads no configuration at all.
	None bool
}

const (
	// maxConfigSize bounds a configuration file: a real one is a few hundred bytes.
	maxConfigSize = 1 << 20
	// maxPolicyFile bounds one file of a custom policy folder.
	maxPolicyFile = 10 << 20
)

// LoadConfig reads the configuration src names, or the one found for the first path; none
// found is an empty configuration.
func LoadConfig(src ConfigSource, paths []string) (*rules.Config, error) {
	if src.None {
		if src.File != "" {
			return nil, errors.New("--config and --no-config exclude each other")
		}
		return &rules.Config{}, nil
	}
	file, tree := src.File, ""
	if file == "" {
		start := "."
		if len(paths) > 0 {
			start = paths[0]
		}
		found, top, ok := FindConfig(start)
		if !ok {
			return &rules.Config{}, nil
		}
		file, tree = found, top
	}
	b, err := confine.NewReader(confine.Options{MaxFileSize: maxConfigSize}).ReadFile(filepath.Dir(file), file)
	if err != nil {
		return nil, fmt.Errorf("configuration:\n%w", fmt.Errorf("read config: %w", err))
	}
	cfg, err := rules.ParseConfig(file, b)
	if err != nil {
		return nil, fmt.Errorf("configuration:\n%w", err)
	}
	if tree != "" {
		if err := checkPolicyDirs(cfg, cfg.WrittenPolicyDirs, tree); err != nil {
			return nil, err
		}
	}
	return cfg, nil
}

// FindConfig looks for .deploylint.hcl in dir, then in its parents up to the git work tree's
// top (the folder holding .git), and never above it; outside a git work tree only dir itself
// counts. A file planted in a parent folder (a home folder, a shared /tmp) must not change what
// a scan of a tree reports. tree is the folder the configuration governs: the work tree's top,
// or dir.
func FindConfig(dir string) (file, tree string, ok bool) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", "", false
	}
	if st, err := os.Stat(abs); err == nil && !st.IsDir() {
		abs = filepath.Dir(abs)
	}
	top, inGit := workTreeTop(abs)
	if !inGit {
		top = abs
	}
	for d := abs; ; d = filepath.Dir(d) {
		p := filepath.Join(d, rules.ConfigFileName)
		if st, err := os.Lstat(p); err == nil && st.Mode().IsRegular() {
			return p, top, true
		}
		if d == top || filepath.Dir(d) == d {
			return "", "", false
		}
	}
}

// workTreeTop is the nearest folder at or above dir that holds a .git entry.
func workTreeTop(dir string) (string, bool) {
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d, true
		}
		if filepath.Dir(d) == d {
			return "", false
		}
	}
}

// checkPolicyDirs refuses policy folders a found configuration names outside the tree it
// governs: a repository's own configuration must not load Rego from elsewhere on the machine.
// The folder is named as the configuration wrote it, never as an absolute path.
func checkPolicyDirs(cfg *rules.Config, written []string, tree string) error {
	realTree, err := filepath.EvalSymlinks(tree)
	if err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	var errs []error
	for i, d := range cfg.PolicyDirs {
		real, err := filepath.EvalSymlinks(d)
		if err != nil {
			real = filepath.Clean(d) // a missing folder is reported when it is loaded
		}
		if rel, err := filepath.Rel(realTree, real); err != nil || !filepath.IsLocal(rel) {
			errs = append(errs, fmt.Errorf("%s: policy_dirs entry %q lies outside the scanned tree: name it with --policy instead", rules.ConfigFileName, written[i]))
		}
	}
	return errors.Join(errs...)
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
	// A custom rule's METADATA is printed in every format: nothing in it may act on a terminal.
	for _, r := range e.Catalogue.Rules {
		if r.Custom {
			r.Title, r.Description = secret.Printable(r.Title), secret.Printable(r.Description)
			r.Remediation, r.Guide = secret.Printable(r.Remediation), secret.Printable(r.Guide)
		}
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
	// The user chose the folder, so it is the root its files are confined to: a link inside it
	// that leads elsewhere is not followed.
	fsys := confine.NewReader(confine.Options{MaxFileSize: maxPolicyFile}).FS(d)
	return rules.PolicySource{Name: filepath.ToSlash(filepath.Clean(d)), FS: fsys, Custom: true}, nil
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
