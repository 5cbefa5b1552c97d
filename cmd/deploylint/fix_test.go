package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/scanners/dotenv"
)

// TestFixPrintsNoSecret: neither fix --dry-run nor fix prints an old secret the operator
// chose, a new secret it generated, or the hash of either, while the new values do reach the
// files.
func TestFixPrintsNoSecret(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		".env": strings.Join([]string{
			"OPENC3_REDIS_USERNAME=openc3",
			"OPENC3_REDIS_PASSWORD=openc3password",
			"OPENC3_SR_REDIS_PASSWORD=Zx7plantedSrPw42",
			"OPENC3_TSDB_PASSWORD=openc3questpassword",
			"OPENC3_SERVICE_PASSWORD=Zx7plantedReused44",
			"CACHE_URL=redis://user:Zx7plantedUrlPw47@cache:6379/0",
			"SECRET_KEY_BASE=Zx7plantedKeyBase48",
			"GF_SECURITY_ADMIN_PASSWORD=admin",
			"",
		}, "\n"),
		"openc3-redis/users.acl": strings.Join([]string{
			"user default off",
			"user openc3 on >Zx7plantedAclClear45 <Zx7plantedAclRemove46 ~* &* -@all +@read",
			"user scriptrunner on >Zx7plantedSrPw42 resetkeys ~script* -@all +@read",
			"user admin on >adminpassword +@admin",
			"",
		}, "\n"),
		"redis/redis.conf": "bind 0.0.0.0\nrequirepass foobared\n",
	}
	planted := []string{"Zx7plantedSrPw42", "Zx7plantedReused44", "Zx7plantedUrlPw47", "Zx7plantedKeyBase48", "Zx7plantedAclClear45", "Zx7plantedAclRemove46"}
	writeTree(t, dir, files)
	var out bytes.Buffer
	for _, args := range [][]string{{"fix", "--dry-run", dir}, {"fix", dir}, {"fix", "--dry-run", dir}} {
		var stdout, stderr bytes.Buffer
		code := run(args, &stdout, &stderr, func(string) string { return "" })
		if code == exitError {
			t.Fatalf("%v: exit %d: %s", args, code, stderr.String())
		}
		out.Write(stdout.Bytes())
		out.Write(stderr.Bytes())
	}
	if !strings.Contains(out.String(), "<new random password, 40 characters>") {
		t.Fatalf("the dry run shows no masked secret:\n%s", out.String())
	}
	// A secret the dry run made up is thrown away, so it is looked for by its shape: no run of
	// password or hash characters as long as a generated one.
	if m := regexp.MustCompile(`[A-Za-z0-9_-]{36,}`).FindString(out.String()); m != "" {
		t.Errorf("the output holds what looks like a generated secret or hash: %.6s…", m)
	}
	// What the files hold now: every .env value, the redis.conf password, the ACL hashes.
	var now []string
	envSrc, err := os.ReadFile(filepath.Join(dir, ".env"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := dotenv.New().Parse(".env", envSrc)
	if err != nil {
		t.Fatal(err)
	}
	rotated := 0
	for k, v := range doc.Env {
		if !strings.Contains(files[".env"], k+"="+v.Value) {
			rotated++
			now = append(now, v.Value)
		}
	}
	if rotated < 3 {
		t.Fatalf("only %d .env values rotated:\n%s", rotated, envSrc)
	}
	for _, p := range []string{"openc3-redis/users.acl", "redis/redis.conf"} {
		b, err := os.ReadFile(filepath.Join(dir, p))
		if err != nil {
			t.Fatal(err)
		}
		now = append(now, regexp.MustCompile(`[0-9a-f]{64}|[A-Za-z0-9_-]{40}`).FindAllString(string(b), -1)...)
	}
	for _, s := range append(planted, now...) {
		sum := sha256.Sum256([]byte(s))
		for _, v := range []string{s, hex.EncodeToString(sum[:]), s[:12]} {
			if strings.Contains(out.String(), v) {
				t.Errorf("the output holds a secret (or part or hash of one) %.6s…", v)
			}
		}
	}
}
