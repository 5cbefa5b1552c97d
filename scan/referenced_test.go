package scan_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/scan"
	"github.com/deploylint/deploylint/scanners/builtin"
)

// TestEnvFilesJudgedAsDotenv: the env_file entries of a compose file are judged by the .env
// rules whatever their names, once each however many services and compose files name them, and
// not again when their name made them a .env target already.
func TestEnvFilesJudgedAsDotenv(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"compose.yaml": `services:
  openc3-redis:
    image: openc3inc/openc3-redis:6.0.0
    env_file: [secrets.txt, config/app.conf, .env.prod]
  other:
    image: nginx
    env_file: secrets.txt
`,
		"tools/compose.yaml": "services:\n  tool:\n    image: busybox\n    env_file: ../secrets.txt\n",
		"secrets.txt":        "OPENC3_REDIS_USERNAME=openc3\nOPENC3_REDIS_PASSWORD=openc3password\n",
		"config/app.conf":    "OPENC3_BUCKET_PASSWORD=openc3bucketpassword\n",
		".env.prod":          "OPENC3_SR_REDIS_PASSWORD=scriptrunnerpassword\n",
		"unused.conf":        "OPENC3_REDIS_PASSWORD=openc3password\n",
	})
	res, got := scanFindings(t, root)
	onceEachAndNone(t, got, []string{"ENV001 secrets.txt:2", "ENV002 config/app.conf:1", "ENV011 .env.prod:1"}, "unused.conf")
	if !slices.Contains(res.Files, "secrets.txt") {
		t.Errorf("secrets.txt is not among the files scanned: %v", res.Files)
	}
}

// scanFindings scans root with the built-in rules, no configuration and no file modes, and
// lists its findings as "RULE path:line".
func scanFindings(t *testing.T, root string) (*scan.Result, []string) {
	t.Helper()
	no := false
	res, err := scan.Run(context.Background(), scan.Options{Paths: []string{root}, Registry: builtin.Registry(), Config: scan.ConfigSource{None: true}, CheckPermissions: &no})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, fmt.Sprintf("%s %s:%d", f.RuleID, f.Path, f.Range.Start.Line))
	}
	return res, got
}

// onceEachAndNone checks that got holds each of want once and no finding in the file named
// unjudged.
func onceEachAndNone(t *testing.T, got, want []string, unjudged string) {
	t.Helper()
	for _, w := range want {
		n := 0
		for _, g := range got {
			if g == w {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%s found %d times, want once; findings: %v", w, n, got)
		}
	}
	for _, g := range got {
		if strings.Contains(g, unjudged) {
			t.Errorf("%s was judged: %s", unjudged, g)
		}
	}
}

// TestBindMountsJudgedAsTheirKind: a file a compose service bind-mounts is judged as the kind
// its container path names (redis.conf, users.acl, an nginx conf.d file), whatever its name
// in the tree; a mount whose container path names no kind, and a folder, are left alone.
func TestBindMountsJudgedAsTheirKind(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"compose.yaml": `services:
  redis:
    image: redis:7
    volumes:
      - ./conf/cache.conf:/usr/local/etc/redis/redis.conf:ro
      - ./acl/app-users:/usr/local/etc/redis/users.acl:ro
      - ./conf:/data/conf
  web:
    image: nginx:1.27
    volumes:
      - ./conf/site.txt:/etc/nginx/conf.d/default.conf:ro
      - ./conf/notes.txt:/srv/notes.txt:ro
`,
		"conf/cache.conf": "bind 0.0.0.0\nrequirepass foobared\n",
		"acl/app-users":   "user default off\nuser app on >apppassword123 ~app:* +get\n",
		"conf/site.txt":   "server {\n  listen 80;\n  server_tokens on;\n}\n",
		"conf/notes.txt":  "requirepass foobared\n",
	})
	_, got := scanFindings(t, root)
	onceEachAndNone(t, got, []string{"RDS004 conf/cache.conf:2", "ACL001 acl/app-users:2", "NGX008 conf/site.txt:3"}, "notes.txt")
}
