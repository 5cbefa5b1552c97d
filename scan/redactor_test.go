package scan_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/policies"
	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scan"
	"github.com/deploylint/deploylint/scanners/builtin"
	"github.com/deploylint/deploylint/secret"
)

// TestScanSecretsAndRedactor: a scan hands on every document's secrets under the paths it
// reports, those of a file no parser could read included, and the engine's Redactor masks
// them and the organisation's own defaults, not the shipped defaults rules name.
func TestScanSecretsAndRedactor(t *testing.T) {
	ctx := context.Background()
	e, err := rules.NewEngineWith(ctx, rules.EngineOptions{
		Sources: []rules.PolicySource{{Name: "builtin", FS: policies.FS}},
		Config:  map[string]any{"defaults": map[string]any{"passwords": []any{"Zx7orgDefault"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"stack/.env":        "OPENC3_REDIS_PASSWORD=openc3password\nAPI_TOKEN=Zx7planted\n",
		"stack/broken/.env": "GOOD=1\nDB_PASSWORD=\"Zx7broken\n",
	})
	off := false
	res, err := scan.Run(ctx, scan.Options{Engine: e, Config: scan.ConfigSource{None: true}, Paths: []string{filepath.Join(root, "stack")}, Registry: builtin.Registry(), CheckPermissions: &off})
	if err != nil {
		t.Fatal(err)
	}
	at := map[string]secret.Span{}
	for _, sp := range res.Secrets {
		at[sp.Value] = sp
	}
	if sp := at["Zx7planted"]; sp.Path != ".env" || sp.Line != 2 {
		t.Errorf("Zx7planted at %s:%d, want .env:2 (%+v)", sp.Path, sp.Line, res.Secrets)
	}
	if sp := at["Zx7broken"]; sp.Path != "broken/.env" || sp.Line != 2 {
		t.Errorf("the unparsable file's secret at %s:%d, want broken/.env:2", sp.Path, sp.Line)
	}
	r := res.Redactor
	for in, want := range map[string]string{
		`OPENC3_REDIS_PASSWORD is the shipped COSMOS default "openc3password"`: `OPENC3_REDIS_PASSWORD is the shipped COSMOS default "openc3password"`,
		"token Zx7planted":          "token " + secret.Mask,
		"org default Zx7orgDefault": "org default " + secret.Mask,
	} {
		if got := r.String(in); got != want {
			t.Errorf("String(%q) = %q, want %q", in, got, want)
		}
	}
	if got := r.Line("broken/.env", 2, `DB_PASSWORD="Zx7broken`); got != `DB_PASSWORD="`+secret.Mask {
		t.Errorf("quoted line of the unparsable file: %q", got)
	}
}

// TestSkippedFileIsNotQuoted: a file too large to read has no secrets marked, so no report may
// quote it.
func TestSkippedFileIsNotQuoted(t *testing.T) {
	ctx := context.Background()
	e, err := rules.NewEngine(ctx, rules.PolicySource{Name: "builtin", FS: policies.FS})
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, ".env"), []byte("API_TOKEN=Zx7"+strings.Repeat("x", 200)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	off := false
	max := int64(64)
	res, err := scan.Run(ctx, scan.Options{Engine: e, Config: scan.ConfigSource{None: true}, Paths: []string{root}, Registry: builtin.Registry(), CheckPermissions: &off, MaxFileSize: &max})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) == 0 || res.Findings[0].RuleID != "META004" {
		t.Fatalf("want META004, got %+v", res.Findings)
	}
	if _, ok := res.Sources[".env"]; ok {
		t.Error("a skipped file is offered for quoting")
	}
}
