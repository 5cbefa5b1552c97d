package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/report"
)

// plantedSecrets are unique values that exist nowhere but in this test's files; none may ever
// appear in any output format, whatever rule fires on them.
var plantedSecrets = []string{
	"Zx7plantedRedisPw41", "Zx7plantedSrPw42", "Zx7plantedBucketPw43", "Zx7plantedReused44",
	"Zx7plantedAclClear45", "Zx7plantedAclRemove46", "Zx7plantedUrlPw47", "Zx7plantedKeyBase48",
	"Zx7plantedBroken49", "Zx7plantedAclDup50", "Zx7plantedComposeLit51", "Zx7plantedRequirepass52",
	"Zx7plantedFetchKey53", "Zx7plantedDcosPw54",
}

func TestNoSecretInAnyOutput(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		".env": strings.Join([]string{
			"OPENC3_REDIS_USERNAME=openc3",
			"OPENC3_REDIS_PASSWORD=Zx7plantedRedisPw41",
			"OPENC3_SR_REDIS_PASSWORD=Zx7plantedSrPw42",
			"OPENC3_BUCKET_PASSWORD=Zx7plantedBucketPw43",
			"OPENC3_SR_BUCKET_PASSWORD=Zx7plantedReused44",
			"OPENC3_SERVICE_PASSWORD=Zx7plantedReused44",
			"CACHE_URL=redis://user:Zx7plantedUrlPw47@cache:6379/0",
			"SECRET_KEY_BASE=Zx7plantedKeyBase48",
			"API_TOKEN=",
			"",
		}, "\n"),
		"openc3-redis/users.acl": strings.Join([]string{
			"user default off",
			"user openc3 on >Zx7plantedAclClear45 <Zx7plantedAclRemove46 ~* &* +@all",
			"user scriptrunner on >Zx7plantedSrPw42 resetkeys ~script* -@all +@read",
			"user admin on >Zx7plantedAclDup50 +@admin",
			"user admin on >Zx7plantedAclDup50 +@admin",
			"",
		}, "\n"),
		"broken/.env": "GOOD=1\nBROKEN=\"Zx7plantedBroken49\n",
		"compose.yaml": "services:\n  api:\n    image: example/api\n    environment:\n      API_TOKEN: Zx7plantedComposeLit51\n" +
			"  cache:\n    image: redis:7\n    command: redis-server --requirepass Zx7plantedRequirepass52\n    ports: [\"6379:6379\"]\n",
		"configs/api/prod.yaml": "auth:\n  api_keys:\n    alice: Zx7plantedFetchKey53\n",
		"genconf/config.yaml":   "security: strict\nsuperuser_password: Zx7plantedDcosPw54\n",
	}
	for rel, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// Every format, the HTML page with its quoted (redacted) lines included.
	for _, format := range report.Formats() {
		var out, errOut bytes.Buffer
		code := run([]string{"scan", "--format", format, "--no-color", dir}, &out, &errOut, func(string) string { return "" })
		if code != exitFindings {
			t.Fatalf("%s: exit %d, want %d\nstderr: %s", format, code, exitFindings, errOut.String())
		}
		all := out.String() + errOut.String()
		for _, s := range plantedSecrets {
			if strings.Contains(all, s) {
				t.Errorf("%s output contains the planted secret %q", format, s)
			}
		}
		if !strings.Contains(all, "ACL001") || !strings.Contains(all, "META001") || !strings.Contains(all, "ENV010") ||
			!strings.Contains(all, "CMP006") || !strings.Contains(all, "FML005") || !strings.Contains(all, "DCOS008") {
			t.Errorf("%s output lacks the findings the planted secrets should raise:\n%s", format, all)
		}
	}
}
