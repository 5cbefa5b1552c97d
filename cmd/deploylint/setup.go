package main

import (
	"context"
	"time"

	"github.com/spf13/cobra"

	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scan"
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

// setup is what a command needs to run rules: the configuration (possibly empty) and the
// engine with built-in and custom policies.
type setup struct {
	config *rules.Config
	engine *rules.Engine
}

// loadSetup finds and reads the configuration for the first scanned path, then compiles the
// built-in policies with the custom ones named by --policy and policy_dirs.
func (a *app) loadSetup(ctx context.Context, c *commonFlags, paths []string) (*setup, error) {
	cfg, err := scan.LoadConfig(scan.ConfigSource{File: c.config, None: c.noConfig}, paths)
	if err != nil {
		return nil, err
	}
	e, err := scan.NewEngine(ctx, scan.EngineOptions{Registry: builtin.Registry(), Config: cfg, Policies: c.policies, EvalTimeout: c.evalTimeout})
	if err != nil {
		return nil, err
	}
	return &setup{config: cfg, engine: e}, nil
}
