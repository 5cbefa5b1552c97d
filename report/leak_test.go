package report_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/internal/leakcheck"
	"github.com/deploylint/deploylint/report"
	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scanners"
)

// leakTree holds a planted secret of every shape each scanner knows, in files that parse and
// in files that do not. Every planted value is unique and named Zq9…, so no output may show
// 8 bytes of it (or, for the short ones, the value as a token).
var leakTree = map[string]string{
	".env": "OPENC3_REDIS_USERNAME=openc3\n" + // 1
		"OPENC3_REDIS_PASSWORD=Zq9envRedisPw01\n" + // 2
		"API_TOKEN=\"Zq9envToken02 with blank\"\n" + // 3
		"OPENC3_API_TOKEN_V2=Zq9envOddName03\n" + // 4: a token under an unusual name
		"CACHE_URL=redis://app:Zq9env/Url+Pw04@cache:6379/0\n" + // 5: a URL password holding "/"
		"REDIS_ARGS=--requirepass Zq9envArgs05\n" + // 6
		"PRIVATE_KEY=\"-----BEGIN PRIVATE KEY-----\n" + // 7
		"Zq9envPemBody06\n" + // 8
		"-----END PRIVATE KEY-----\"\n", // 9
	"users.acl": "user default off\n" + // 1
		"user app on >Zq9aclClear07 <Zq9aclRemove08 ~app:* +@read\n" + // 2
		"user ops on #" + strings.Repeat("9f", 32) + " ~* +@all\n" + // 3
		"user eve on Zq9aclBare09 ~* +@all\n" + // 4: a password without ">", which Redis refuses
		"#user old on>Zq9aclCmt10 ~*\n", // 5: commented out, which Redis refuses too
	"redis.conf": "port 6379\n" + // 1
		"requirepass Zq9confReq11\n" + // 2
		"masterauth \"Zq9confMaster12\"\n" + // 3
		"user app on \">Zq9conf Acl13\" ~* +@all\n" + // 4
		"include extra.conf\n", // 5
	"extra.conf": "tls-key-file-pass Zq9confIncl14\n",
	"compose.yaml": "services:\n" + // 1
		"  api:\n" + // 2
		"    image: example/api\n" + // 3
		"    environment:\n" + // 4
		"      DB_PASSWORD: Zq9cmpMap15\n" + // 5
		"      DATABASE_URL: postgres://app:Zq9cmpUrl16@db/app\n" + // 6
		"      FROM_DOTENV: ${OPENC3_REDIS_PASSWORD}\n" + // 7
		"    labels:\n" + // 8
		"      - \"traefik.http.middlewares.a.basicauth.users=admin:$$apr1$$Zq9cmp$$Label17\"\n" + // 9
		"  cache:\n" + // 10
		"    image: redis:7\n" + // 11
		"    command: redis-server --requirepass Zq9cmpCmd18\n" + // 12
		"    environment:\n" + // 13
		"      - REDIS_PASSWORD=Zq9cmpList19\n" + // 14
		"    healthcheck:\n" + // 15
		"      test: [\"CMD\", \"redis-cli\", \"-a\", \"Zq9cmpHealth20\", \"ping\"]\n", // 16
	"nginx/nginx.conf": "http {\n" + // 1
		"  server {\n" + // 2
		"    listen 80;\n" + // 3
		"    location / {\n" + // 4
		"      proxy_set_header Authorization \"Basic Zq9ngxAuth21\";\n" + // 5
		"      proxy_pass http://u:Zq9ngx/Url22@app:8080;\n" + // 6
		"    }\n  }\n}\n",
	"genconf/config.yaml": "security: strict\n" + // 1
		"superuser_username: admin\n" + // 2
		"superuser_password_hash: '$6$Zq9dcosSalt23$Zq9dcosHash23'\n" + // 3
		"zk_super_credentials: super:Zq9dcosZk24\n" + // 4
		"customer_key: Zq9dcosCstmr25\n", // 5
	"configs/api/prod.yaml": "auth:\n" + // 1
		"  api_keys:\n" + // 2
		"    alice: Zq9fmlKey26\n" + // 3
		"    bob:\n" + // 4
		"      hash: Zq9fmlHash27\n", // 5
	"traefik/traefik.yml": "entryPoints:\n  web:\n    address: \":80\"\n" + // 1-3
		"api:\n  insecure: true\n" + // 4-5
		"http:\n  middlewares:\n    auth:\n      basicAuth:\n        users:\n" + // 6-10
		"          - \"admin:$apr1$Zq9trf$Hash28\"\n", // 11
	"certs/tls.key": "-----BEGIN EC PRIVATE KEY-----\nZq9keyBody29Xk3mP8qL\n-----END EC PRIVATE KEY-----\n",
	// Files no parser can read.
	"broken/.env":             "GOOD=Zq9brkPlain34\nSESSION_SECRET=\"Zq9brkEnv30\nMORE=Zq9brkTail31\n",
	"broken/compose.yaml":     "services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: Zq9brkYaml32\n    ports: [\n",
	"broken/nginx/nginx.conf": "http {\n  server {\n    proxy_set_header X-Api-Key Zq9brkNginx33;\n",
}

// plantedInFiles are the secrets only the files hold; planted are also quoted by the
// findings' messages below, as a careless rule or a library's error would.
var (
	planted = []string{
		"Zq9envRedisPw01", "Zq9envToken02 with blank", "Zq9envOddName03", "Zq9env/Url+Pw04", "Zq9envArgs05",
		"Zq9envPemBody06", "Zq9aclClear07", "Zq9aclRemove08", strings.Repeat("9f", 32), "Zq9aclBare09",
		"Zq9aclCmt10", "Zq9confReq11", "Zq9confMaster12", "Zq9conf Acl13", "Zq9confIncl14",
		"Zq9cmpMap15", "Zq9cmpUrl16", "Zq9cmp$$Label17", "Zq9cmpCmd18", "Zq9cmpList19", "Zq9cmpHealth20",
		"Zq9ngxAuth21", "Zq9ngx/Url22", "$6$Zq9dcosSalt23$Zq9dcosHash23", "Zq9dcosZk24", "Zq9dcosCstmr25",
		"Zq9fmlKey26", "Zq9fmlHash27", "$apr1$Zq9trf$Hash28", "Zq9keyBody29Xk3mP8qL", "Zq9brkEnv30",
		"Zq9brkYaml32", "Zq9brkNginx33",
	}
	// Zq9brkPlain34 is a value of an unreadable file under a name that says nothing: it is
	// masked where it stands, but not looked for in messages (nothing tells it is a secret);
	// Zq9brkTail31 is inside a quoted secret left open.
	plantedInFiles = []string{"Zq9brkPlain34", "Zq9brkTail31"}
)

// TestNoPlantedSecretInAnyFormat scans the tree for real, adds a finding on every planted line
// whose message and suppression quote the secret, and checks that no format shows a piece of
// any planted secret while the HTML still quotes the lines by their keys.
func TestNoPlantedSecretInAnyFormat(t *testing.T) {
	dir := t.TempDir()
	for rel, content := range leakTree {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	r := scanReport(t, dir)
	r.Sources["extra.conf"] = filepath.Join(dir, "extra.conf")
	quote := func(path string, line int, secret string) rules.Finding {
		return rules.Finding{
			RuleID: "USR999", Severity: rules.High, Path: path, Range: scanners.LineRange(line, 1, 2),
			Message: `invalid value "` + secret + `" (` + secret[:len(secret)/2] + `…)`,
		}
	}
	lines := map[string][]struct {
		line int
		s    string
	}{
		".env":                    {{2, planted[0]}, {3, planted[1]}, {4, planted[2]}, {5, planted[3]}, {6, planted[4]}, {8, planted[5]}},
		"users.acl":               {{2, planted[6]}, {2, planted[7]}, {3, planted[8]}, {4, planted[9]}, {5, planted[10]}},
		"redis.conf":              {{2, planted[11]}, {3, planted[12]}, {4, planted[13]}},
		"extra.conf":              {{1, planted[14]}},
		"compose.yaml":            {{5, planted[15]}, {6, planted[16]}, {9, planted[17]}, {12, planted[18]}, {14, planted[19]}, {16, planted[20]}},
		"nginx/nginx.conf":        {{5, planted[21]}, {6, planted[22]}},
		"genconf/config.yaml":     {{3, planted[23]}, {4, planted[24]}, {5, planted[25]}},
		"configs/api/prod.yaml":   {{3, planted[26]}, {5, planted[27]}},
		"traefik/traefik.yml":     {{11, planted[28]}},
		"certs/tls.key":           {{2, planted[29]}},
		"broken/.env":             {{2, planted[30]}},
		"broken/compose.yaml":     {{4, planted[31]}},
		"broken/nginx/nginx.conf": {{3, planted[32]}},
	}
	quoted := 0
	for path, ls := range lines {
		for _, l := range ls {
			r.Findings = append(r.Findings, quote(path, l.line, l.s))
			quoted++
		}
	}
	r.Findings = append(r.Findings, rules.Finding{
		RuleID: "USR999", Severity: rules.Low, Path: "broken/.env", Range: scanners.LineRange(3, 1, 2), Message: "the tail",
	}, rules.Finding{
		RuleID: "USR999", Severity: rules.Low, Path: "broken/.env", Range: scanners.LineRange(1, 1, 2), Message: "the head",
	}, rules.Finding{
		RuleID: "USR999", Severity: rules.Low, Path: ".env", Range: scanners.LineRange(1, 1, 2), Message: "suppressed",
		Suppressed: &rules.Suppression{Kind: "inline", Justification: "rotated from " + planted[0]},
	})
	r.Rules = append(r.Rules, &rules.Rule{ID: "USR999", Title: "quotes values", Severity: rules.High, Kinds: []string{"dotenv"}, Remediation: "r"})
	rules.SortFindings(r.Findings)

	all := append(append([]string{}, planted...), plantedInFiles...)
	for _, format := range report.Formats() {
		out := write(t, format, report.Options{}, r)
		for _, leak := range leakcheck.Find(out, all) {
			t.Errorf("%s: %s", format, leak)
		}
	}
	html := string(write(t, "html", report.Options{}, r))
	if n := strings.Count(html, `<pre class="snippet">`); n < quoted {
		t.Errorf("html quotes %d snippets, want one per planted line (%d)", n, quoted)
	}
	for _, want := range []string{
		"OPENC3_REDIS_PASSWORD=••••••", "OPENC3_API_TOKEN_V2=••••••", "CACHE_URL=redis://app:••••••@cache:6379/0",
		"user eve on •••••• ~* &#43;@all", "#user old on&gt;•••••• ~*", "requirepass ••••••",
		"tls-key-file-pass ••••••", "--requirepass ••••••", "DB_PASSWORD: ••••••", `proxy_set_header Authorization &#34;••••••&#34;;`,
		"customer_key: ••••••", "alice: ••••••", `SESSION_SECRET=&#34;••••••`, "GOOD=••••••", "POSTGRES_PASSWORD: ••••••",
		"proxy_set_header X-Api-Key ••••••;", "OPENC3_REDIS_USERNAME=openc3", "image: redis:7",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("html lacks the quoted line %q", want)
		}
	}
}
