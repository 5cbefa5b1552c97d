package main

import (
	"context"
	"fmt"
	"io"
	"maps"
	"slices"

	"github.com/spf13/cobra"

	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scan"
	"github.com/deploylint/deploylint/secret"
)

const fixLong = `Repair what a scan finds where no human decision is needed, as the vendors' guides say:
shipped default passwords in .env rotated to new random ones (40 characters; SECRET_KEY_BASE
to 128 hex characters), users.acl given the SHA-256 of each .env password its user needs and
no cleartext password, a default-password Redis admin turned off, redis.conf's default
requirepass rotated, FLUSHDB/FLUSHALL disabled there and on Redis command lines, obsolete TLS versions removed from nginx
and DC/OS, internal services' compose ports bound to 127.0.0.1, secret files made private.

A value the operator chose is never replaced. Only the value changes: comments, order, quotes
and line endings stay. Files are replaced atomically and keep their mode. New secrets are
written to the files only, never printed: --dry-run shows the diff with them described.
Every other finding is listed with the reason it is left to a human.

Exit codes:
  0  nothing is left at or above --fail-on once the repairs are made
  1  findings at or above --fail-on remain for a human
  2  deploylint cannot run, or a file could not be written`

const fixExample = `  deploylint fix --dry-run
  deploylint fix deploy/
  deploylint fix --no-secrets --fail-on never .   # in CI, for a bot branch
  deploylint fix --enable ENV001,ENV011,ACL002,ACL008 deploy/`

type fixFlags struct {
	scanFlags
	dryRun, noSecrets bool
}

func (a *app) fixCmd() *cobra.Command {
	var f fixFlags
	cmd := &cobra.Command{
		Use:     "fix [flags] [PATH...]",
		Short:   "Repair the findings that need no human decision (--dry-run shows the diff)",
		Long:    fixLong,
		Example: fixExample,
		Args:    cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			f.changed = cmd.Flags().Changed
			return a.fix(cmd.Context(), f, args)
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&f.dryRun, "dry-run", false, "print the changes as a unified diff (new secrets described, not shown) and write nothing")
	fl.BoolVar(&f.noSecrets, "no-secrets", false, "apply only the repairs that write no secret (ports, TLS versions, DC/OS keys, FLUSHDB/FLUSHALL disabled): what a bot branch may commit")
	fl.StringVar(&f.failOn, "fail-on", "low", "exit 1 when a finding left unrepaired is at or above: critical|high|medium|low|never")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "print nothing but errors")
	fl.StringSliceVar(&f.enable, "enable", nil, "repair only the findings of these rule IDs, comma-separated (repeatable)")
	fl.StringSliceVar(&f.disable, "disable", nil, "leave the findings of these rule IDs alone, comma-separated (repeatable)")
	fl.StringArrayVar(&f.kinds, "kind", nil, "force the kind of files: KIND=PATH or KIND=GLOB (repeatable)")
	fl.BoolVar(&f.checkPerms, "check-permissions", false, "repair secret files' modes (FS001) even inside a git work tree")
	fl.BoolVar(&f.noCheckPerms, "no-check-permissions", false, "never change file modes (FS001)")
	fl.StringVar(&f.baseline, "baseline", "", "leave the findings recorded in this baseline FILE alone")
	fl.Int64Var(&f.maxFileSize, "max-file-size", 0, "skip files larger than this many bytes (default 10 MiB, or max_file_size)")
	return cmd
}

func (a *app) fix(ctx context.Context, f fixFlags, paths []string) error {
	for _, p := range paths {
		if p == "-" {
			return fmt.Errorf("fix repairs files on disk: standard input (-) cannot be fixed")
		}
	}
	opt, err := a.scanOptions(f.scanFlags, paths)
	if err != nil {
		return err
	}
	threshold, err := rules.ParseThreshold(f.failOn)
	if err != nil {
		return err
	}
	out := a.stdout
	if f.quiet {
		out = io.Discard
	}
	res, err := scan.Fix(ctx, opt, scan.FixOptions{DryRun: f.dryRun, NoSecrets: f.noSecrets})
	if res != nil && res.Plan != nil {
		if f.dryRun {
			for _, c := range res.Plan.Changes {
				d, derr := c.Diff(res.Redactor)
				if derr != nil {
					return derr
				}
				fmt.Fprint(out, d)
			}
		}
		a.code = fixSummary(out, res, f.dryRun, threshold)
	}
	if err == nil && len(res.Failed) > 0 {
		paths := slices.Sorted(maps.Keys(res.Failed))
		for _, p := range paths[:len(paths)-1] {
			fmt.Fprintf(a.stderr, "deploylint: %s\n", secret.Printable(res.Failed[p].Error()))
		}
		return fmt.Errorf("%w (%s not written, the others were)", res.Failed[paths[len(paths)-1]], plural(len(paths), "file"))
	}
	return err
}

// fixSummary prints what was done about each finding and returns the exit code: 1 when a
// finding left for a human is at or above the threshold.
func fixSummary(w io.Writer, res *scan.Fixed, dryRun bool, threshold rules.Severity) int {
	verb, fixedWord := "fixed", "fixed"
	if dryRun {
		verb, fixedWord = "would fix", "would be fixed"
	}
	var left []rules.Finding
	nFixed := 0
	files := map[string]bool{}
	for _, c := range res.Plan.Changes {
		files[c.Path] = true
	}
	for _, o := range res.Plan.Outcomes {
		f := o.Finding
		word := "left"
		if o.Fixed {
			word = verb
			nFixed++
		} else {
			left = append(left, f)
		}
		text := secret.Printable(res.Redactor.String(o.Text))
		if err, ok := res.Failed[f.Path]; ok && o.Fixed {
			word, text = "not written", secret.Printable(err.Error())
			nFixed--
			left = append(left, f)
		}
		fmt.Fprintf(w, "%s:%d:%d: %s %s: %s\n", f.Path, f.Range.Start.Line, f.Range.Start.Column, f.RuleID, word, text)
	}
	fmt.Fprintf(w, "\n%s %s in %s; %s left for a human\n", plural(nFixed, "finding"), fixedWord, plural(len(files), "file"), plural(len(left), "finding"))
	if len(left) > 0 && rules.Fails(left, threshold) {
		return exitFindings
	}
	return 0
}
