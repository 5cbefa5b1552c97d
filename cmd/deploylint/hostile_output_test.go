package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/internal/leakcheck"
	"github.com/deploylint/deploylint/report"
)

func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for rel, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// TestNoPieceOfASecretAnywhere plants secrets of the shapes a word list misses (a URL password
// holding "/", a token under an unusual name, an ACL password without ">", values in files that
// do not parse) and checks every format, stderr and the written baseline for any 8-byte piece.
func TestNoPieceOfASecretAnywhere(t *testing.T) {
	secrets := []string{
		"Qw9/slash/Pw61xx", "Qw9unusualName62", "Qw9aclBareWord63", "Qw9brokenYaml64x",
		"Qw9brokenAcl65xx", "Qw9nginxAuth66xx", "Qw9reqpassConf67",
	}
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		".env":                   "DATABASE_URL=postgres://app:Qw9/slash/Pw61xx@db:5432/app\nX_CREDS_BLOB=Qw9unusualName62\n",
		"openc3-redis/users.acl": "user default off\nuser app on Qw9aclBareWord63 ~* +@all\n",
		"broken/compose.yaml":    "services:\n  api:\n    image: x\n    environment:\n      DB_PASSWORD: Qw9brokenYaml64x\n   bad: [\n",
		"broken/users.acl":       "user x on >Qw9brokenAcl65xx +@all\nuser y on \"unterminated\n",
		"nginx/nginx.conf":       "events {}\nhttp {\n  server {\n    listen 80;\n    location / { proxy_set_header Authorization \"Basic Qw9nginxAuth66xx\"; proxy_pass http://app; }\n  }\n}\n",
		"redis/redis.conf":       "requirepass Qw9reqpassConf67\nbind 0.0.0.0\n",
	})
	baseline := filepath.Join(t.TempDir(), "baseline.json")
	for _, format := range report.Formats() {
		var out, errOut bytes.Buffer
		code := run([]string{"scan", "--format", format, "--no-color", "--write-baseline", baseline, dir}, &out, &errOut, func(string) string { return "" })
		if code != exitOK { // writing a baseline accepts the findings: the run succeeds
			t.Fatalf("%s: exit %d\nstderr: %s", format, code, errOut.String())
		}
		b, err := os.ReadFile(baseline)
		if err != nil {
			t.Fatal(err)
		}
		leakcheck.Check(t, append(append(out.Bytes(), errOut.Bytes()...), b...), secrets)
		if format == "json" && !strings.Contains(out.String(), "META001") {
			t.Errorf("the unparsable files gave no META001: the test proves less than it says\n%s", out.String())
		}
	}
}

// TestNoMarkupFromTheTree: a file or service name carrying a terminal escape or a bidi
// override reaches no format unescaped.
func TestNoMarkupFromTheTree(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"st\u202eack/.env": "OPENC3_REDIS_PASSWORD=openc3password\n",
		"compose.yaml":     "services:\n  \"cache\x1b[2J\u2066\":\n    image: redis:7\n    ports: [\"6379:6379\"]\n",
	})
	for _, format := range report.Formats() {
		var out, errOut bytes.Buffer
		run([]string{"scan", "--format", format, "--no-color", dir}, &out, &errOut, func(string) string { return "" })
		all := out.String() + errOut.String()
		for _, bad := range []string{"\x1b", "\u202e", "\u2066"} {
			if strings.Contains(all, bad) {
				t.Errorf("%s output holds %q unescaped", format, bad)
			}
		}
		if !strings.Contains(all, "ENV001") {
			t.Errorf("%s: the .env below the odd folder was not reported", format)
		}
	}
}

// TestSameOutputFromAnyCheckout: the same tree scanned from two locations gives the same
// bytes in the machine formats.
func TestSameOutputFromAnyCheckout(t *testing.T) {
	tree := map[string]string{
		".env":          "OPENC3_REDIS_PASSWORD=openc3password\n",
		"compose.yaml":  "services:\n  cache:\n    image: redis:7\n    ports: [\"6379:6379\"]\n    volumes: [\"./data:/data\", \"./missing.conf:/etc/x.conf\"]\n    env_file: [./nope.env]\n",
		"broken/x.yaml": "services: [\n",
	}
	a, b := filepath.Join(t.TempDir(), "one"), filepath.Join(t.TempDir(), "deeper", "two")
	writeTree(t, a, tree)
	writeTree(t, b, tree)
	for _, format := range []string{"json", "sarif"} {
		var outA, outB, errA, errB bytes.Buffer
		run([]string{"scan", "--format", format, a}, &outA, &errA, func(string) string { return "" })
		run([]string{"scan", "--format", format, b}, &outB, &errB, func(string) string { return "" })
		if !bytes.Equal(outA.Bytes(), outB.Bytes()) {
			t.Errorf("%s differs between checkouts", format)
		}
		if strings.Contains(outA.String(), a) || strings.Contains(errA.String(), a) {
			t.Errorf("%s output names the checkout's absolute path", format)
		}
	}
}

// TestCustomRuleCannotPrintTheCheckout: a custom rule quoting what compose-go resolved (bind
// sources are absolute) still prints no absolute path of the machine.
func TestCustomRuleCannotPrintTheCheckout(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"stack/compose.yaml": "services:\n  app:\n    image: x\n    volumes: [\"./conf:/etc/app\"]\n",
		"org/quote.rego": `# METADATA
# title: Quote the bind source
# description: Prints the resolved bind source.
# related_resources:
#   - ref: https://example.org/ORG900
# custom:
#   id: ORG900
#   severity: low
#   kinds: [compose]
#   remediation: None.
package deploylint.rules.org.quote

import data.deploylint.lib.result

deny contains result.file(sprintf("source %s", [v.source])) if {
	some v in input.data.services.app.volumes
}
`,
	})
	var out, errOut bytes.Buffer
	run([]string{"scan", "--format", "json", "--no-config", "--policy", filepath.Join(dir, "org"), filepath.Join(dir, "stack")}, &out, &errOut, func(string) string { return "" })
	if !strings.Contains(out.String(), "ORG900") {
		t.Fatalf("the custom rule did not run: %s %s", out.String(), errOut.String())
	}
	if strings.Contains(out.String(), dir) {
		t.Errorf("the report names the checkout %s:\n%s", dir, out.String())
	}
	if !strings.Contains(out.String(), "source conf") {
		t.Errorf("the bind source is not shown relative to the scan root:\n%s", out.String())
	}
}
