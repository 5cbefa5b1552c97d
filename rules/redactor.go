package rules

import (
	"fmt"
	"io/fs"
	"path"

	"github.com/deploylint/deploylint/secret"
)

// Redactor returns the masker of a scan's output: it knows the scan's secrets (ScanResult.Secrets),
// the organisation's own default passwords from the configuration (which no message may name),
// and the values the built-in policy data publishes (the vendor defaults rules name so the
// reader knows what to rotate).
func (e *Engine) Redactor(secrets []secret.Span) *secret.Redactor {
	all := append(append([]secret.Span{}, secrets...), secret.Values(e.private...)...)
	return secret.NewRedactor(secret.Options{Secrets: all, Public: e.public, Encoded: e.customCaps != nil})
}

// publicValues lists every string of the built-in policies' data (their data.json files): shipped
// defaults, placeholders and published hashes, public by construction. A user's policy data
// is not: it may hold the organisation's own values.
func publicValues(sources []PolicySource) ([]string, error) {
	var out []string
	for _, src := range sources {
		if src.Custom {
			continue
		}
		var files []string
		err := fs.WalkDir(src.FS, ".", func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && path.Base(p) == "data.json" {
				files = append(files, p)
			}
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("read policy data of %s: %w", src.Name, err)
		}
		for _, f := range files {
			b, err := fs.ReadFile(src.FS, f)
			if err != nil {
				return nil, fmt.Errorf("read policy data %s: %w", f, err)
			}
			vals, err := secret.PublicValues(b)
			if err != nil {
				return nil, fmt.Errorf("read policy data %s: %w", f, err)
			}
			out = append(out, vals...)
		}
	}
	return out, nil
}

// configPasswords are the organisation's default passwords (defaults { passwords = [...] }),
// as Config.PolicyData hands them to the policies.
func configPasswords(cfg map[string]any) []string {
	d, _ := cfg["defaults"].(map[string]any)
	list, _ := d["passwords"].([]any)
	var out []string
	for _, v := range list {
		if s, ok := v.(string); ok && s != "" {
			out = append(out, s)
		}
	}
	return out
}
