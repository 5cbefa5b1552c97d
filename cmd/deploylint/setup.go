package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/deploylint/deploylint/policies"
	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scanners/builtin"
)

// commonFlags are read by every command that loads rules: the configuration and custom
// policy folders change what the catalogue holds.
type commonFlags struct {
	config      string
	noConfig    bool
	policies    []string
	evalTimeout time.Duration
}

func (c *commonFlags) register(cmd *cobra.Command) {
	fl := cmd.PersistentFlags()
	fl.StringVar(&c.config, "config", "", "read settings from FILE instead of the "+rules.ConfigFileName+" found in the scan root or its parents")
	fl.BoolVar(&c.noConfig, "no-config", false, "ignore any "+rules.ConfigFileName)
	fl.StringArrayVar(&c.policies, "policy", nil, "also load the custom Rego policies in DIR (repeatable)")
	fl.DurationVar(&c.evalTimeout, "eval-timeout", rules.DefaultEvalTimeout, "stop a custom policy that runs longer than this on one file (reported as META003; built-in rules get at least 1m)")
}

// pseudoKinds are the documents the engine builds itself for its META rules.
var pseudoKinds = []string{"eval-stopped", "parse-error", "suppressions"}

// setup is what a command needs to run rules: the configuration (possibly empty) and the
// engine with built-in and custom policies.
type setup struct {
	config *rules.Config
	engine *rules.Engine
}

// loadSetup finds and reads the configuration for the first scanned path, then compiles the
// built-in policies with the custom ones named by --policy and policy_dirs.
func (a *app) loadSetup(ctx context.Context, c *commonFlags, paths []string) (*setup, error) {
	cfg, err := a.loadConfig(c, paths)
	if err != nil {
		return nil, err
	}
	e, err := buildEngine(ctx, c, cfg)
	if err != nil {
		return nil, err
	}
	return &setup{config: cfg, engine: e}, nil
}

// buildEngine compiles the built-in and custom policies and checks the configuration against
// the catalogue.
func buildEngine(ctx context.Context, c *commonFlags, cfg *rules.Config) (*rules.Engine, error) {
	sources := []rules.PolicySource{{Name: "builtin", FS: policies.FS}}
	dirs := append(slices.Clone(c.policies), cfg.PolicyDirs...)
	for _, d := range dirs {
		st, err := os.Stat(d)
		if err != nil {
			return nil, fmt.Errorf("policy folder: %w", err)
		}
		if !st.IsDir() {
			return nil, fmt.Errorf("policy folder %s is not a folder", d)
		}
		sources = append(sources, rules.PolicySource{Name: filepath.ToSlash(filepath.Clean(d)), FS: os.DirFS(d), Custom: true})
	}
	e, err := rules.NewEngineWith(ctx, rules.EngineOptions{Sources: sources, Config: cfg.PolicyData(), EvalTimeout: c.evalTimeout})
	if err != nil {
		return nil, fmt.Errorf("load rules: %w", err)
	}
	kinds := scannerKinds()
	if err := cfg.CheckRules(e.Catalogue, kinds); err != nil {
		return nil, err
	}
	if err := checkCustomKinds(e.Catalogue, append(kinds, pseudoKinds...)); err != nil {
		return nil, err
	}
	return e, nil
}

func (a *app) loadConfig(c *commonFlags, paths []string) (*rules.Config, error) {
	if c.noConfig {
		if c.config != "" {
			return nil, errors.New("--config and --no-config exclude each other")
		}
		return &rules.Config{}, nil
	}
	file := c.config
	if file == "" {
		start := "."
		if len(paths) > 0 {
			start = paths[0]
		}
		found, ok := rules.FindConfig(start)
		if !ok {
			return &rules.Config{}, nil
		}
		file = found
	}
	cfg, err := rules.LoadConfig(file)
	if err != nil {
		return nil, fmt.Errorf("configuration:\n%w", err)
	}
	return cfg, nil
}

func scannerKinds() []string {
	var ks []string
	for _, s := range builtin.Scanners() {
		ks = append(ks, s.Kind())
	}
	slices.Sort(ks)
	return ks
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
