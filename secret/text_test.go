package secret_test

import (
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/secret"
)

// found lists the texts of what a finder found.
func found(s string, fs []secret.Found) []string {
	var out []string
	for _, f := range fs {
		out = append(out, s[f.Start:f.End])
	}
	return out
}

func TestURLPasswords(t *testing.T) {
	for in, want := range map[string][]string{
		"redis://user:hunter2@cache:6379/0":              {"hunter2"},
		"redis://:Ab/Cd+e=@cache:6379":                   {"Ab/Cd+e="},   // base64 holds "/"
		"postgres://u:p@ss/w@db/app":                     {"p@ss/w"},     // to the last "@"
		"a=redis://u:one@h,b=redis://v:two@k":            {"one", "two"}, // two URLs glued
		`URL: "redis://${U}:${OPENC3_REDIS_PASSWORD}@h"`: nil,            // a reference
		"http://host:8080/a@b":                           nil,            // a port
		"http://host/a:b@c":                              nil,            // a path
		"https://git@github.com/x":                       nil,            // no password
		"see ://x:y@z":                                   nil,            // no scheme
		"amqp://guest:guest@rabbit x http://a:b2@c":      {"guest", "b2"},
	} {
		if got := found(in, secret.URLPasswords(in)); !reflect.DeepEqual(got, want) {
			t.Errorf("URLPasswords(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPairs(t *testing.T) {
	for in, want := range map[string][]string{
		"OPENC3_REDIS_PASSWORD=hunter2":                        {"hunter2"},
		`{"user": "bob", "apiKey": "k-123", "port": 80}`:       {"k-123"},
		`{"token":"abc","x":1}`:                                {"abc"},
		"environment: {REDIS_PASSWORD: hunter2, MODE: x}":      {"hunter2"},
		"https://x.example/hook?token=abc123&v=1":              {"abc123"},
		`-H "Authorization: Bearer eyJhbGciOi"`:                {"Bearer eyJhbGciOi"},
		"REDIS_PASSWORD=${OPENC3_REDIS_PASSWORD}":              nil,
		"REDIS_PASSWORD=${OPENC3_REDIS_PASSWORD:-fallback}":    {"${OPENC3_REDIS_PASSWORD:-fallback}"},
		"OPENC3_REDIS_USERNAME=openc3 OPENC3_SESSION_SECURE=1": nil,
	} {
		if got := found(in, secret.Pairs(in)); !reflect.DeepEqual(got, want) {
			t.Errorf("Pairs(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestArgs(t *testing.T) {
	type hit struct {
		arg  int
		text string
	}
	for _, tc := range []struct {
		args []string
		want []hit
	}{
		{[]string{"redis-server --requirepass hunter2 --port 6379"}, []hit{{0, "hunter2"}}},
		{[]string{"redis-server", "--requirepass", "two words"}, []hit{{2, "two words"}}},
		{[]string{"redis-server", "--requirepass", "$$REDIS_PASSWORD"}, nil},
		{[]string{"CMD", "redis-cli", "-a", "hunter2", "ping"}, []hit{{3, "hunter2"}}},
		{[]string{"CMD", "redis-cli", "-p", "6379", "ping"}, nil},
		{[]string{"CMD-SHELL", "redis-cli -a 'pw with blank' ping"}, []hit{{1, "pw with blank"}}},
		{[]string{"run --db-password=hunter2 -v"}, []hit{{0, "hunter2"}}},
		{[]string{"curl -f -u admin:hunter2 http://x"}, []hit{{0, "hunter2"}}},
		{[]string{"CMD-SHELL", `curl -f -u "$${USER}:$${PASSWORD}" http://x`}, nil},
		{[]string{"CMD-SHELL", `curl -f -u "admin:Zx7 pw" http://x`}, []hit{{1, "Zx7 pw"}}},
		{[]string{"mysqladmin ping -uroot -pS3cret"}, []hit{{0, "S3cret"}}},
		{[]string{"sh", "-c", "redis-server --masterauth m4ster --requirepass r3quire"}, []hit{{2, "m4ster"}, {2, "r3quire"}}},
		{[]string{"redis-server --requirepass --port 6379"}, nil},
		{[]string{"grep -a pattern file"}, nil}, // -a is redis-cli's only
		// A reference whose message has blanks is one word, and no secret.
		{[]string{"bench new-site --db-root-password=${DB_ROOT_PASSWORD:?set it} frontend"}, nil},
		{[]string{"run --db-password ${PW:-fall back} --x"}, []hit{{0, "${PW:-fall back}"}}},
	} {
		var got []hit
		for _, f := range secret.Args(tc.args) {
			got = append(got, hit{f.Arg, tc.args[f.Arg][f.Start:f.End]})
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Args(%q) = %v, want %v", tc.args, got, tc.want)
		}
	}
}

func TestPrivateKeys(t *testing.T) {
	for in, want := range map[string][]string{
		"-----BEGIN RSA PRIVATE KEY-----\nMIIE\nAbCd\n-----END RSA PRIVATE KEY-----\n":                                                 {"MIIE\nAbCd"},
		`"k": "-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY-----\n"`:                                                      {"MIIEvQ"},
		"-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n":                                                               nil,
		"-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn":                                                                                  {"b3Blbn"}, // cut short
		"-----BEGIN EC PRIVATE KEY-----\nAA\n-----END EC PRIVATE KEY-----\n-----BEGIN PRIVATE KEY-----\nBB\n-----END PRIVATE KEY-----": {"AA", "BB"},
	} {
		if got := found(in, secret.PrivateKeys(in)); !reflect.DeepEqual(got, want) {
			t.Errorf("PrivateKeys(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestACLToken(t *testing.T) {
	for tok, want := range map[string]string{
		">hunter2": "hunter2", "<old": "old", "#0123abcd": "0123abcd", "!a1b2": "a1b2",
		">": "", "on": "", "OFF": "", "nopass": "", "~*": "", "%R~app:*": "", "&*": "", "+@all": "",
		"-flushall": "", "(~x +get)": "", "allkeys": "", "resetpass": "",
		"hunter2":     "hunter2", // Redis refuses it: a password written without ">"
		"on>Zx7glued": "Zx7glued",
	} {
		got := ""
		if f, ok := secret.ACLToken(tok); ok {
			got = tok[f.Start:f.End]
		}
		if got != want {
			t.Errorf("ACLToken(%q) = %q, want %q", tok, got, want)
		}
	}
}

func TestInTextHtpasswd(t *testing.T) {
	in := `- "traefik.http.middlewares.a.basicauth.users=admin:$$apr1$$H6uskkkW$$IgXLP6ewTrSuBkTrqE8wj/"`
	if got := found(in, secret.InText(in)); !reflect.DeepEqual(got, []string{"$$apr1$$H6uskkkW$$IgXLP6ewTrSuBkTrqE8wj/"}) {
		t.Errorf("InText(%q) = %q", in, got)
	}
	if f, ok := secret.HtpasswdHash("admin:{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g="); !ok || f.Start != 6 {
		t.Errorf("HtpasswdHash: %v %v", f, ok)
	}
	if _, ok := secret.HtpasswdHash("admin:"); ok {
		t.Error("an empty hash is no secret")
	}
}

// maskFile masks a file's lines with the secrets ScanLines finds in it by their shape (not
// the values it marks by position only: see TestScanLinesUnknownValues).
func maskFile(lines ...string) []string {
	var known []secret.Span
	for _, sp := range secret.ScanLines([]byte(strings.Join(lines, "\n"))) {
		if sp.Value != "" {
			known = append(known, sp)
		}
	}
	r := secret.NewRedactor(secret.Options{Secrets: known})
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = r.Line("", i+1, l)
	}
	return out
}

func TestScanLines(t *testing.T) {
	const m = secret.Mask
	for _, tc := range []struct{ name, in, want string }{
		// KEY=VALUE (dotenv, shell)
		{"dotenv", "OPENC3_REDIS_PASSWORD=Zx7redis", "OPENC3_REDIS_PASSWORD=" + m},
		{"dotenv quoted", `OPENC3_REDIS_PASSWORD="s3cr3t value"`, `OPENC3_REDIS_PASSWORD="` + m + `"`},
		{"dotenv single quoted", `API_TOKEN='abc'`, `API_TOKEN='` + m + `'`},
		{"dotenv spaces", "SECRET_KEY_BASE = bdb4300d46c9", "SECRET_KEY_BASE = " + m},
		{"export", "export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI", "export AWS_SECRET_ACCESS_KEY=" + m},
		{"value starting with hash", "REDIS_PASS=#abc", "REDIS_PASS=" + m},
		{"quoted value and comment", `DB_PASSWORD="x" # rotate`, `DB_PASSWORD="` + m + `" # rotate`},
		{"unquoted value and comment", `DB_PASSWORD=x7y # rotate`, `DB_PASSWORD=` + m + ` # rotate`},
		{"not a secret", "OPENC3_REDIS_USERNAME=openc3", "OPENC3_REDIS_USERNAME=openc3"},
		{"empty", "API_TOKEN=", "API_TOKEN="},
		{"switch", "OPENC3_SESSION_SECURE=true", "OPENC3_SESSION_SECURE=true"},
		{"reference", "REDIS_PASSWORD=${OPENC3_REDIS_PASSWORD}", "REDIS_PASSWORD=${OPENC3_REDIS_PASSWORD}"},
		{"default in reference", "REDIS_PASSWORD=${OPENC3_REDIS_PASSWORD:-fallback}", "REDIS_PASSWORD=" + m},
		{"commented out", "# OPENC3_REDIS_PASSWORD=oldpassword", "# OPENC3_REDIS_PASSWORD=" + m},
		{"prose comment", "# List syntax passes through host CI", "# List syntax passes through host CI"},
		{"token under an unusual name", "OPENC3_API_TOKEN_V2=Zx7tok", "OPENC3_API_TOKEN_V2=" + m},

		// KEY: VALUE (YAML) and "KEY": VALUE (JSON)
		{"yaml", "      QDB_PG_PASSWORD: quest", "      QDB_PG_PASSWORD: " + m},
		{"yaml quoted", `  superuser_password_hash: "$6$rounds=656000$x"`, `  superuser_password_hash: "` + m + `"`},
		{"yaml reference", `      ROOT_SECRET_KEY: "${OPENC3_BUCKET_PASSWORD}"`, `      ROOT_SECRET_KEY: "${OPENC3_BUCKET_PASSWORD}"`},
		{"yaml switch", `oauth_enabled: 'false'`, `oauth_enabled: 'false'`},
		{"yaml list item", `      - OPENC3_REDIS_PASSWORD=hunter2`, `      - OPENC3_REDIS_PASSWORD=` + m},
		{"yaml quoted list item", `  - "MINIO_ROOT_PASSWORD=hunter2"`, `  - "MINIO_ROOT_PASSWORD=` + m + `"`},
		{"json", `  "password": "hunter2",`, `  "password": "` + m + `",`},
		{"json number", `  "pin_secret": 1234,`, `  "pin_secret": ` + m + `,`},
		{"json inline", `{"user": "bob", "apiKey": "k-123", "port": 80}`, `{"user": "bob", "apiKey": "` + m + `", "port": 80}`},
		{"json compact", `{"token":"abc","x":1}`, `{"token":"` + m + `","x":1}`},
		{"flow mapping", `environment: {REDIS_PASSWORD: hunter2, MODE: x}`, `environment: {REDIS_PASSWORD: ` + m + `, MODE: x}`},
		{"zookeeper", `zk_super_credentials: super:Zx7zookeeper`, `zk_super_credentials: ` + m},

		// key value (redis.conf, nginx)
		{"requirepass", "requirepass foobared", "requirepass " + m},
		{"requirepass quoted", `requirepass "foo bar"`, `requirepass "` + m + `"`},
		{"masterauth", "masterauth 0penSesame", "masterauth " + m},
		{"nginx path", `    auth_basic_user_file /etc/nginx/.htpasswd;`, `    auth_basic_user_file /etc/nginx/.htpasswd;`},
		{"nginx switch", `    ssl_session_tickets off;`, `    ssl_session_tickets off;`},
		{"nginx proxy_pass", `    proxy_pass http://app:8080;`, `    proxy_pass http://app:8080;`},
		{"nginx header", `    proxy_set_header Authorization "Basic dXNlcjpw";`, `    proxy_set_header Authorization "` + m + `";`},
		{"nginx api key", `    proxy_set_header X-Api-Key Zx7key;`, `    proxy_set_header X-Api-Key ` + m + `;`},
		{"nginx directive", `protected-mode no`, `protected-mode no`},

		// Redis ACL
		{"acl cleartext", "user bob on >Pl4nted ~* +@all", "user bob on >" + m + " ~* +@all"},
		{"acl hash", "user openc3 on #022bd57403439b2a allkeys -@all +@read", "user openc3 on #" + m + " allkeys -@all +@read"},
		{"acl remove", "user x on <old !a1b2 >new nopass", "user x on <" + m + " !" + m + " >" + m + " nopass"},
		{"acl without >", "user x on Zx7bare ~* +@all", "user x on " + m + " ~* +@all"},
		{"acl in redis.conf", "  user default on >pw1 >pw2 ~*", "  user default on >" + m + " >" + m + " ~*"},
		{"acl quoted", `user default on ">two words" ~*`, `user default on ">` + m + `" ~*`},
		{"acl commented out", "# user admin on >pw ~*", "# user admin on >" + m + " ~*"},
		{"acl off", "user default off", "user default off"},
		{"nginx user directive", "user nginx;", "user nginx;"},
		{"nginx user and group", "user www-data www-data;", "user www-data www-data;"},

		// options on command lines
		{"redis-server option", "    command: redis-server --requirepass hunter2 --port 6379", "    command: redis-server --requirepass " + m + " --port 6379"},
		{"option with =", "run --db-password=hunter2 -v", "run --db-password=" + m + " -v"},
		{"json argument list", `command: ["redis-server", "--requirepass", "hunter2"]`, `command: ["redis-server", "--requirepass", "` + m + `"]`},
		{"redis-cli -a", `test: ["CMD", "redis-cli", "-a", "hunter2", "ping"]`, `test: ["CMD", "redis-cli", "-a", "` + m + `", "ping"]`},
		{"curl -u", `test: curl -f -u admin:hunter2 http://x`, `test: curl -f -u admin:` + m + ` http://x`},
		{"option reference", `command: redis-server --requirepass $$REDIS_PASSWORD`, `command: redis-server --requirepass $$REDIS_PASSWORD`},

		// values with a recognisable shape
		{"url userinfo", "CACHE_URL=redis://user:hunter2@cache:6379/0", "CACHE_URL=redis://user:" + m + "@cache:6379/0"},
		{"url password with slash", "CACHE_URL=redis://:Ab/Cd+e=@cache:6379", "CACHE_URL=redis://:" + m + "@cache:6379"},
		{"url reference", `URL: "redis://${U}:${OPENC3_REDIS_PASSWORD}@${H}:6379"`, `URL: "redis://${U}:${OPENC3_REDIS_PASSWORD}@${H}:6379"`},
		{"query token", "WEBHOOK=https://x.example/hook?token=abc123&v=1", "WEBHOOK=https://x.example/hook?token=" + m + "&v=1"},
		{"htpasswd", `        - "admin:$apr1$H6uskkkW$IgXLP6ewTrSuBkTrqE8wj/"`, `        - "admin:` + m + `"`},
		{"htpasswd label", "traefik.http.middlewares.a.basicauth.users=admin:$$apr1$$x$$y", "traefik.http.middlewares.a.basicauth.users=admin:" + m},
		{"one-line pem", `"k": "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n"`, `"k": "-----BEGIN PRIVATE KEY-----\n` + m + `\n-----END PRIVATE KEY-----\n"`},
		{"certificate stays", "-----BEGIN CERTIFICATE-----", "-----BEGIN CERTIFICATE-----"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := maskFile(tc.in)[0]; got != tc.want {
				t.Errorf("masked %q\n got %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestScanLinesAcrossLines: secrets that span lines are hidden on every line, so a quoted
// window that starts inside one shows nothing of it.
func TestScanLinesAcrossLines(t *testing.T) {
	const m = secret.Mask
	for _, tc := range []struct {
		name     string
		in, want []string
	}{
		{
			"pem",
			[]string{"-----BEGIN OPENSSH PRIVATE KEY-----", "b3BlbnNzaC1rZXktdjEAAAAA", "QyNTUxOQAAACDx", "-----END OPENSSH PRIVATE KEY-----", "after"},
			[]string{"-----BEGIN OPENSSH PRIVATE KEY-----", m, m, "-----END OPENSSH PRIVATE KEY-----", "after"},
		},
		{
			"yaml block scalar",
			[]string{"private_key: |", "  MIIEvQIBADANBg", "  kqhkiG9w0BAQ", "next: visible"},
			[]string{"private_key: |", "  " + m, "  " + m, "next: visible"},
		},
		{
			"yaml section under a secret key",
			[]string{"auth:", "  api_keys:", "    alice: Zx7key", "    - bob-key", "", "  enabled: true", "server: x"},
			[]string{"auth:", "  api_keys:", "    alice: " + m, "    - " + m, "", "  enabled: true", "server: x"},
		},
		{
			"yaml list at the key's indent",
			[]string{"passwords:", "- one", "- two", "other: 1"},
			[]string{"passwords:", "- " + m, "- " + m, "other: 1"},
		},
		{
			"section ends at a shallower key",
			[]string{"  secrets:", "    a: b", "  image: redis:7"},
			[]string{"  secrets:", "    a: " + m, "  image: redis:7"},
		},
		{
			"multi-line quoted value",
			[]string{`PRIVATE_KEY="line one`, "line two", `line three" # end`, "NEXT=1"},
			[]string{`PRIVATE_KEY="` + m, m, m + `" # end`, "NEXT=1"},
		},
		{
			"non-secret block stays",
			[]string{"command: |", "  redis-server --port 6379", "  --requirepass hunter2"},
			[]string{"command: |", "  redis-server --port 6379", "  --requirepass " + m},
		},
		{
			"crlf",
			[]string{"A_TOKEN=Zx7crlf\r", "B=1\r"},
			[]string{"A_TOKEN=" + m + "\r", "B=1\r"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := maskFile(tc.in...)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("masked\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

// TestScanLinesPositions: the spans are those of the raw text, quotes and comments outside.
func TestScanLinesPositions(t *testing.T) {
	got := secret.ScanLines([]byte("A=1\nDB_PASSWORD=\"x y\" # c\n  requirepass  Zx7\r\n"))
	want := []secret.Span{
		{Line: 1, Column: 3, EndLine: 1, EndColumn: 4, Value: ""}, // by position only
		{Line: 2, Column: 14, EndLine: 2, EndColumn: 17, Value: "x y"},
		{Line: 3, Column: 16, EndLine: 3, EndColumn: 19, Value: "Zx7"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ScanLines\n got %+v\nwant %+v", got, want)
	}
}

func FuzzScanLines(f *testing.F) {
	for _, s := range []string{
		"A_PASSWORD=x\nuser bob on >pw ~*\n-----BEGIN RSA PRIVATE KEY-----\nAA\n",
		"auth:\n  api_keys:\n    a: b\n", `K_TOKEN="open` + "\nmore\n", "redis://u:p@h x://", "\r\n\r",
		"proxy_set_header Authorization \"Basic x\";", "command: [\"redis-cli\", \"-a\", \"pw\"]",
		"${A:-${B:-x}}", "KEY_SECRET=${A", strings.Repeat("a://", 100), strings.Repeat("-----BEGIN ", 50),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 64<<10 {
			return
		}
		lines := strings.Split(string(src), "\n")
		for _, sp := range secret.ScanLines(src) {
			if sp.Line < 1 || sp.Line > len(lines) || sp.EndLine != sp.Line {
				t.Fatalf("span %+v outside the %d lines", sp, len(lines))
			}
			l := strings.TrimSuffix(lines[sp.Line-1], "\r")
			if sp.Column < 1 || sp.EndColumn <= sp.Column || sp.EndColumn-1 > len(l) {
				t.Fatalf("span %+v outside line %q", sp, l)
			}
			if got := secret.Literal(l[sp.Column-1 : sp.EndColumn-1]); sp.Value != "" && got != sp.Value {
				t.Fatalf("span %+v holds %q", sp, got)
			}
		}
	})
}

// TestScanLinesLinear: a hostile line of near-secrets costs in proportion to its length: ten
// times the line allocates at most twelve times as much.
func TestScanLinesLinear(t *testing.T) {
	unit := `a://u:p@h "-----BEGIN PRIVATE KEY-----" --password=x A_TOKEN=y ${Z:-w} `
	cost := func(size int) uint64 {
		src := []byte("user x on " + strings.Repeat(unit, size/len(unit)))
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		spans := secret.ScanLines(src)
		runtime.ReadMemStats(&after)
		if len(spans) == 0 {
			t.Fatalf("%d bytes: no secret found", size)
		}
		return after.TotalAlloc - before.TotalAlloc
	}
	small, large := cost(100<<10), cost(1<<20)
	if large > 12*small {
		t.Errorf("a 10x longer line allocated %.1fx as much", float64(large)/float64(small))
	}
}

func FuzzArgs(f *testing.F) {
	f.Add("redis-cli", "-a", "pw")
	f.Add("", "--password", "")
	f.Add("curl -u \"a:b\"", "-u", "'x")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		args := []string{a, b, c}
		for _, got := range secret.Args(args) {
			if got.Arg < 0 || got.Arg >= len(args) || got.Start < 0 || got.End > len(args[got.Arg]) || got.Start >= got.End {
				t.Fatalf("Args(%q) = %+v", args, got)
			}
		}
		_ = secret.InText(a + " " + b + " " + c)
	})
}

// TestScanLinesUnknownValues: in a file no parser could read, every value is masked where it
// stands, whatever its name, but an ordinary one is not looked for anywhere else.
func TestScanLinesUnknownValues(t *testing.T) {
	src := "GOOD=openc3\n  image: redis:7\nlisten 80;\nlist: [a, b]\nPLAIN_NAME=\"Zq9-broken\nMORE=Zq9-tail\n"
	r := secret.NewRedactor(secret.Options{Secrets: secret.ScanLines([]byte(src))})
	for i, want := range []string{
		"GOOD=" + m, "  image: " + m, "listen 80;", "list: [a, b]", `PLAIN_NAME="` + m, m, // the quote is never closed
	} {
		line := strings.Split(src, "\n")[i]
		if got := r.Line("", i+1, line); got != want {
			t.Errorf("line %d %q: got %q, want %q", i+1, line, got, want)
		}
	}
	if got := r.String("user openc3 uses redis:7, not Zq9-broken"); got != "user openc3 uses redis:7, not Zq9-broken" {
		t.Errorf("an ordinary value is masked in a message: %q", got)
	}
}
