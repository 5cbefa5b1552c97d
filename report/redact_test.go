package report

import (
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	const m = mask
	for _, tc := range []struct{ name, in, want string }{
		// KEY=VALUE (dotenv, shell)
		{"dotenv", "OPENC3_REDIS_PASSWORD=openc3password", "OPENC3_REDIS_PASSWORD=" + m},
		{"dotenv quoted", `OPENC3_REDIS_PASSWORD="s3cr3t value"`, `OPENC3_REDIS_PASSWORD="` + m + `"`},
		{"dotenv single quoted", `API_TOKEN='abc'`, `API_TOKEN='` + m + `'`},
		{"dotenv spaces", "SECRET_KEY_BASE = bdb4300d46c9", "SECRET_KEY_BASE = " + m},
		{"export", "export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI", "export AWS_SECRET_ACCESS_KEY=" + m},
		{"value starting with hash", "REDIS_PASS=#abc", "REDIS_PASS=" + m},
		{"quoted value and comment", `DB_PASSWORD="x" # rotate`, `DB_PASSWORD="` + m + `" # rotate`},
		{"not a secret", "OPENC3_REDIS_USERNAME=openc3", "OPENC3_REDIS_USERNAME=openc3"},
		{"empty", "API_TOKEN=", "API_TOKEN="},
		{"switch", "OPENC3_SESSION_SECURE=true", "OPENC3_SESSION_SECURE=true"},
		{"reference", "REDIS_PASSWORD=${OPENC3_REDIS_PASSWORD}", "REDIS_PASSWORD=${OPENC3_REDIS_PASSWORD}"},
		{"default in reference", "REDIS_PASSWORD=${OPENC3_REDIS_PASSWORD:-fallback}", "REDIS_PASSWORD=" + m},
		{"commented out", "# OPENC3_REDIS_PASSWORD=oldpassword", "# OPENC3_REDIS_PASSWORD=" + m},
		{"prose comment", "# List syntax passes through host CI", "# List syntax passes through host CI"},

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

		// key value (redis.conf, nginx)
		{"requirepass", "requirepass foobared", "requirepass " + m},
		{"requirepass quoted", `requirepass "foo bar"`, `requirepass "` + m + `"`},
		{"masterauth", "masterauth 0penSesame", "masterauth " + m},
		{"nginx", `    auth_basic_user_file /etc/nginx/.htpasswd;`, `    auth_basic_user_file ` + m + `;`},
		{"nginx switch", `    ssl_session_tickets off;`, `    ssl_session_tickets off;`},
		{"nginx proxy_pass", `    proxy_pass http://app:8080;`, `    proxy_pass http://app:8080;`},
		{"nginx header", `    proxy_set_header Authorization "Basic dXNlcjpw";`, `    proxy_set_header Authorization "` + m + `";`},
		{"nginx directive", `protected-mode no`, `protected-mode no`},

		// Redis ACL
		{"acl cleartext", "user bob on >Pl4nted ~* +@all", "user bob on >" + m + " ~* +@all"},
		{"acl hash", "user openc3 on #022bd57403439b2a allkeys -@all +@read", "user openc3 on #" + m + " allkeys -@all +@read"},
		{"acl remove", "user x on <old !a1b2 >new nopass", "user x on <" + m + " !" + m + " >" + m + " nopass"},
		{"acl in redis.conf", "  user default on >pw1 >pw2 ~*", "  user default on >" + m + " >" + m + " ~*"},
		{"acl commented out", "# user admin on >pw ~*", "# user admin on >" + m + " ~*"},
		{"acl off", "user default off", "user default off"},
		{"nginx user directive", "user nginx;", "user nginx;"},

		// options on command lines
		{"redis-server option", "    command: redis-server --requirepass hunter2 --port 6379", "    command: redis-server --requirepass " + m + " --port 6379"},
		{"option with =", "run --db-password=hunter2 -v", "run --db-password=" + m + " -v"},
		{"json argument list", `command: ["redis-server", "--requirepass", "hunter2"]`, `command: ["redis-server", "--requirepass", "` + m + `"]`},
		{"redis-cli -a", `test: ["CMD", "redis-cli", "-a", "hunter2", "ping"]`, `test: ["CMD", "redis-cli", "-a", "` + m + `", "ping"]`},
		{"curl -u", `test: curl -f -u admin:hunter2 http://x`, `test: curl -f -u ` + m + ` http://x`},
		{"option reference", `command: redis-server --requirepass $$REDIS_PASSWORD`, `command: redis-server --requirepass $$REDIS_PASSWORD`},

		// values with a recognisable shape
		{"url userinfo", "CACHE_URL=redis://user:hunter2@cache:6379/0", "CACHE_URL=redis://user:" + m + "@cache:6379/0"},
		{"url reference", `URL: "redis://${U}:${OPENC3_REDIS_PASSWORD}@${H}:6379"`, `URL: "redis://${U}:${OPENC3_REDIS_PASSWORD}@${H}:6379"`},
		{"query token", "WEBHOOK=https://x.example/hook?token=abc123&v=1", "WEBHOOK=https://x.example/hook?token=" + m + "&v=1"},
		{"htpasswd", `        - "admin:$apr1$H6uskkkW$IgXLP6ewTrSuBkTrqE8wj/"`, `        - "admin:` + m + `"`},
		{"htpasswd label", "traefik.http.middlewares.a.basicauth.users=admin:$$apr1$$x$$y", "traefik.http.middlewares.a.basicauth.users=" + m},
		{"one-line pem", `"k": "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n"`, `"k": "` + m + `-----END PRIVATE KEY-----\n"`},
		{"certificate stays", "-----BEGIN CERTIFICATE-----", "-----BEGIN CERTIFICATE-----"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := redact(tc.in); got != tc.want {
				t.Errorf("redact(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestRedactLines: secrets that span lines are hidden on every line, so a quoted window that
// starts inside one shows nothing of it.
func TestRedactLines(t *testing.T) {
	const m = mask
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
			[]string{"tls_key: |", "  MIIEvQIBADANBg", "  kqhkiG9w0BAQ", "next: visible"},
			[]string{"tls_key: |", "  " + m, "  " + m, "next: visible"},
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
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := redactLines(tc.in)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("redactLines\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestRedactForced(t *testing.T) {
	const m = mask
	for _, tc := range []struct{ in, want string }{
		{"OPENC3_SR_BUCKET_USERNAME=Zq9-planted", "OPENC3_SR_BUCKET_USERNAME=" + m},
		{`BROKEN="Zx7plantedBroken49`, `BROKEN="` + m},
		{"OPENC3_ALLOW_HTTP=true", "OPENC3_ALLOW_HTTP=true"},
		{"  name: value", "  name: " + m},
		{"user bob on >Pl4nted ~* +@all", "user bob on >" + m + " ~* +@all"},
		{`{"broken json Zx7`, m},
		{"requirepass Zx7", "requirepass " + m},
		{"# Which variables are used", "# Which variables are used"},
		{"# OLD_NAME=Zx7", "# OLD_NAME=" + m},
		{"", ""},
	} {
		if got, _ := redactForced(tc.in); got != tc.want {
			t.Errorf("redactForced(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
	if _, c := redactForced(`KEY="open`); c.quote != '"' {
		t.Errorf("an unclosed quote must continue below, got %+v", c)
	}
}

func TestIsSecretKey(t *testing.T) {
	for key, want := range map[string]bool{
		"OPENC3_REDIS_PASSWORD": true, "passwd": true, "SECRET_KEY_BASE": true, "api_token": true, "MasterAuth": true,
		"requirepass": true, "PRIVATE_KEY": true, "session_cookie": true, "PASSWORD_SALT": true, "aws_credentials": true,
		"OPENC3_REDIS_USERNAME": false, "image": false, "proxy_pass": false, "fastcgi_pass_header": false, "listen": false,
	} {
		if got := isSecretKey(key); got != want {
			t.Errorf("isSecretKey(%q) = %v, want %v", key, got, want)
		}
	}
}
