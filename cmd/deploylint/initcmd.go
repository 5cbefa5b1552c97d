package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/deploylint/deploylint/rules"
)

// starterConfig is what deploylint init writes: every setting, commented out, with what it does.
const starterConfig = `# deploylint configuration. deploylint reads this file from the scanned folder or its parents
# (up to the git root); command-line flags override it. Every setting is optional.

# Exit 1 when a finding is at or above this severity: critical, high, medium, low or never.
# fail_on = "high"

# Files and folders never scanned (globs; a name without a slash matches anywhere).
# exclude = ["testdata/", "examples/**/docker-compose.yml"]

# Folders of your own Rego policies, written like the built-in ones (see deploylint test).
# policy_dirs = ["policy"]

# Skip files larger than this many bytes (reported as info).
# max_file_size = 10485760

# Tune one rule: turn it off, change its severity, or accept its findings on some paths
# (kept in SARIF as suppressed). users.acl has no comments, so this is how to accept an ACL
# finding there.
# rule "ACL005" {
#   enabled  = true
#   severity = "high"
#   exclude  = ["staging/users.acl"]
# }

# Read files of a kind deploylint would not recognise by name.
# kind "compose" {
#   paths = ["deploy/*.yml"]
# }

# Your organisation's own default passwords: flagged wherever a shipped default would be
# (ACL002, ENV007, ENV008, CMP003). Messages never repeat them.
# defaults {
#   passwords = ["Winter2024!"]
# }

# Redis users that are administrators on purpose (ACL005 leaves them alone).
# admins {
#   redis_users = ["admin"]
# }
`

func (a *app) initCmd() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Write a commented starter " + rules.ConfigFileName,
		Example: `  deploylint init            # in the current directory
  deploylint init deploy/    # in deploy/
  deploylint init --force    # replace an existing one`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			p := filepath.Join(dir, rules.ConfigFileName)
			flag := os.O_WRONLY | os.O_CREATE | os.O_EXCL
			if force {
				flag = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
			}
			// 0600: the file may come to list the organisation's own default passwords.
			f, err := os.OpenFile(p, flag, 0o600)
			if errors.Is(err, fs.ErrExist) {
				return fmt.Errorf("%s exists; use --force to overwrite it", p)
			}
			if err != nil {
				return fmt.Errorf("init: %w", err)
			}
			if _, err := f.WriteString(starterConfig); err != nil {
				_ = f.Close()
				return fmt.Errorf("write %s: %w", p, err)
			}
			if err := f.Close(); err != nil {
				return fmt.Errorf("write %s: %w", p, err)
			}
			_, err = fmt.Fprintf(a.stdout, "wrote %s\n", p)
			return err
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "overwrite an existing file")
	return cmd
}
