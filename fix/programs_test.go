package fix_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/types"

	"github.com/deploylint/deploylint/internal/redistest"
)

// TestFixedACLAcceptedByRedis: after fix, the real redis-server loads each COSMOS stack's
// users.acl and accepts AUTH with every .env password its user is paired with; the shipped
// defaults no longer open anything.
func TestFixedACLAcceptedByRedis(t *testing.T) {
	bin := redistest.Require(t)
	for name, tr := range cosmosStacks(t) {
		t.Run(name, func(t *testing.T) {
			dir := tr.write(t)
			fixDir(t, dir, false)
			srv, ok := redistest.Start(t, bin, []string{"--aclfile", filepath.Join(dir, "openc3-redis/users.acl")}, nil)
			if !ok {
				b, _ := os.ReadFile(srv.Log)
				t.Fatalf("redis-server refused the fixed users.acl:\n%s", b)
			}
			pairs := pairedPasswords(envValues(t, filepath.Join(dir, ".env")))
			if len(pairs) == 0 {
				t.Fatal("no paired user to log in as")
			}
			for user, pw := range pairs {
				if _, err := srv.Do("AUTH", user, pw); err != nil {
					t.Errorf("AUTH %s with its .env password: %v", user, err)
				}
			}
			for user, pw := range map[string]string{"openc3": "openc3password", "scriptrunner": "scriptrunnerpassword", "admin": "adminpassword"} {
				if _, err := srv.Do("AUTH", user, pw); err == nil {
					t.Errorf("AUTH %s with the shipped default still succeeds", user)
				}
			}
		})
	}
}

// TestFixedRedisConfAcceptedByRedis: a redis.conf whose default requirepass was rotated and
// whose FLUSHDB/FLUSHALL were disabled starts, takes the new password, and refuses FLUSHALL.
func TestFixedRedisConfAcceptedByRedis(t *testing.T) {
	bin := redistest.Require(t)
	dir := tree{"redis/redis.conf": "# shipped example\r\nbind 0.0.0.0\r\nprotected-mode yes\r\nrequirepass \"foobared\"\r\nrename-command FLUSHDB \"\"\r\nport 6379"}.write(t)
	fixDir(t, dir, false)
	conf := filepath.Join(dir, "redis/redis.conf")
	src, err := os.ReadFile(conf)
	if err != nil {
		t.Fatal(err)
	}
	pw := ""
	for _, l := range strings.Split(string(src), "\r\n") {
		if v, ok := strings.CutPrefix(l, "requirepass "); ok {
			pw = strings.Trim(v, `"`)
		}
	}
	if pw == "" || pw == "foobared" || strings.Count(string(src), "\r\n") != 7 || !strings.HasSuffix(string(src), "port 6379\r\nrename-command FLUSHALL \"\"\r\n") {
		t.Fatalf("requirepass not rotated, or lines not kept:\n%q", src)
	}
	srv, ok := redistest.Start(t, bin, []string{conf}, []string{"default", pw})
	if !ok {
		b, _ := os.ReadFile(srv.Log)
		t.Fatalf("redis-server refused the fixed redis.conf:\n%s", b)
	}
	if _, err := srv.Do("FLUSHALL"); err == nil || !strings.Contains(err.Error(), "unknown command") {
		t.Errorf("FLUSHALL is still available: %v", err)
	}
	if _, err := srv.Do("FLUSHDB"); err == nil {
		t.Error("FLUSHDB is still available")
	}
}

// TestFixedNginxAccepted: nginx -t accepts a config whose ssl_protocols lines fix rewrote.
func TestFixedNginxAccepted(t *testing.T) {
	bin, err := exec.LookPath("nginx")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("nginx not installed (apt-get install nginx-core); required in CI")
		}
		t.Skip("nginx not installed: apt-get install nginx-core to run this test")
	}
	conf := "events {}\nhttp {\n" +
		"  server {\n    listen 127.0.0.1:8443 ssl;\n    ssl_protocols SSLv3 TLSv1 TLSv1.1; # legacy clients\n    ssl_certificate site.crt;\n    ssl_certificate_key site.key;\n  }\n" +
		"  server {\n    listen 127.0.0.1:10443 ssl;\n    listen 127.0.0.1:11443 ssl; # twice: one ssl_protocols\n    ssl_certificate site.crt;\n    ssl_certificate_key site.key;\n  }\n" +
		"  server {\n    listen 127.0.0.1:8080;\n    location / {\n      proxy_pass https://127.0.0.1:9;\n      proxy_ssl_protocols\tSSLv2 TLSv1\tTLSv1.2;\n    }\n" +
		"    location /old { proxy_pass https://127.0.0.1:10; proxy_ssl_protocols TLSv1.1 TLSv1.3; }\n  }\n}\n"
	crt, key := selfSigned(t)
	dir := tree{"nginx/nginx.conf": conf, "nginx/site.crt": crt, "nginx/site.key.pem": key}.write(t)
	if err := os.Rename(filepath.Join(dir, "nginx/site.key.pem"), filepath.Join(dir, "nginx/site.key")); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "nginx/nginx.conf")
	check := func(when string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Join(dir, "logs"), 0o755); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(bin, "-t", "-q", "-e", "stderr", "-p", dir, "-c", path).CombinedOutput(); err != nil {
			t.Fatalf("nginx -t %s: %v\n%s", when, err, out)
		}
	}
	check("before fix")
	res := fixDir(t, dir, false)
	if !res.Plan.Changed() {
		t.Fatal("nothing fixed")
	}
	check("after fix")
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, old := range []string{"SSLv2", "SSLv3", "TLSv1 ", "TLSv1.1"} {
		if strings.Contains(string(got), old) {
			t.Errorf("%q still enabled:\n%s", old, got)
		}
	}
	if !strings.Contains(string(got), "ssl_protocols TLSv1.2 TLSv1.3; # legacy clients") || !strings.Contains(string(got), "proxy_ssl_protocols\tTLSv1.2;") ||
		strings.Count(string(got), "ssl_protocols TLSv1.2 TLSv1.3;") != 2 || !strings.Contains(string(got), "server_tokens off;") {
		t.Errorf("the rewrite is not minimal:\n%s", got)
	}
}

// TestFixedComposeLoads: compose-go's own loader reads the fixed compose file, and every port
// of an internal service is published on 127.0.0.1, whichever syntax it was written in.
func TestFixedComposeLoads(t *testing.T) {
	compose := "services:\n" +
		"  redis:\n    image: redis:7\n    command: redis-server --requirepass \"${REDIS_PASSWORD:?set it}\"\n    ports:\n" +
		"      - \"6379:6379\"\n      - 0.0.0.0:16379:6379\n      - target: 6380\n        published: 6380\n" +
		"      - {target: 6381, published: \"6381\"}\n      - 6382\n      - \"${RP:-6383}:6383/tcp\"\n" +
		"      - target: 6384\n        host_ip: 0.0.0.0\n        published: \"6384\"\n      - \"[::]:6385:6385\"\n" +
		"  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/pg\n    ports: ['5432:5432'] # local tools\n"
	dir, path, src := fixCompose(t, compose)
	if !strings.Contains(string(src), "# local tools") {
		t.Errorf("a comment was lost:\n%s", src)
	}
	load := func(src []byte) *types.Project { return loadCompose(t, path, src) }
	count := func(p *types.Project) int {
		n := 0
		for _, svc := range p.Services {
			n += len(svc.Ports)
		}
		return n
	}
	fixed := load(src)
	for name, svc := range fixed.Services {
		for _, port := range svc.Ports {
			if port.HostIP != "127.0.0.1" {
				t.Errorf("%s: port %d published on %q", name, port.Target, port.HostIP)
			}
		}
	}
	if n, want := count(fixed), count(load([]byte(compose))); n != want || n < 9 {
		t.Errorf("%d ports loaded, %d before the fix:\n%s", n, want, src)
	}
	if again := fixDir(t, dir, true); again.Plan.Changed() {
		t.Error("a second fix would change the compose file")
	}
}

// TestFixKeepsClientsWorking: a shipped default on a user no .env password pairs with (the
// default user, an application's user with +@all) is taken out of cleartext but neither
// rotated nor turned off: the real redis-server still accepts what its clients send, and only
// the administrator's account is closed.
func TestFixKeepsClientsWorking(t *testing.T) {
	bin := redistest.Require(t)
	dir := tree{"redis/users.acl": "user default on >foobared ~* &* +@all\nuser app on >adminpassword ~app:* +@all\nuser root on >adminpassword ~* &* +@all\n"}.write(t)
	res := fixDir(t, dir, false)
	acl, err := os.ReadFile(filepath.Join(dir, "redis/users.acl"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(acl), ">") || !res.Plan.Changed() {
		t.Fatalf("cleartext left in:\n%s", acl)
	}
	srv, ok := redistest.Start(t, bin, []string{"--aclfile", filepath.Join(dir, "redis/users.acl")}, nil)
	if !ok {
		b, _ := os.ReadFile(srv.Log)
		t.Fatalf("redis-server refused the fixed users.acl:\n%s", b)
	}
	for _, c := range [][2]string{{"default", "foobared"}, {"app", "adminpassword"}} {
		if _, err := srv.Do("AUTH", c[0], c[1]); err != nil {
			t.Errorf("AUTH %s no longer works: %v", c[0], err)
		}
	}
	if _, err := srv.Do("AUTH", "root", "adminpassword"); err == nil {
		t.Error("the administrator's account still opens with the shipped default")
	}
}

// TestFixFollowsSharedPasswords: beyond COSMOS's pairs, a users.acl password that a rotated .env
// setting of the same folder held follows it (REDIS_USERNAME/REDIS_PASSWORD as an application
// wires them), so the real redis-server accepts the application's new credentials.
func TestFixFollowsSharedPasswords(t *testing.T) {
	bin := redistest.Require(t)
	dir := tree{
		".env":            "# user and password must match redis/users.acl\nREDIS_USERNAME=app\nREDIS_PASSWORD=changeme\n",
		"redis/users.acl": "user default off\nuser app on #" + sha("changeme") + " ~app:* -@all +@read +@write\nuser cache on >changeme ~cache:* -@all +get\n",
	}.write(t)
	fixDir(t, dir, false)
	env := envValues(t, filepath.Join(dir, ".env"))
	if env["REDIS_PASSWORD"] == "changeme" {
		t.Fatal("the placeholder was not rotated")
	}
	srv, ok := redistest.Start(t, bin, []string{"--aclfile", filepath.Join(dir, "redis/users.acl")}, nil)
	if !ok {
		b, _ := os.ReadFile(srv.Log)
		t.Fatalf("redis-server refused the fixed users.acl:\n%s", b)
	}
	for _, u := range []string{"app", "cache"} {
		if _, err := srv.Do("AUTH", u, env["REDIS_PASSWORD"]); err != nil {
			t.Errorf("AUTH %s with the new REDIS_PASSWORD: %v", u, err)
		}
		if _, err := srv.Do("AUTH", u, "changeme"); err == nil {
			t.Errorf("AUTH %s with the old placeholder still works", u)
		}
	}
}

// TestFixedRedisCommandLine: the Redis command line fix extends (a string and a flow list) is
// loaded by compose-go and run by the real redis-server, which then refuses FLUSHDB and
// FLUSHALL.
func TestFixedRedisCommandLine(t *testing.T) {
	bin := redistest.Require(t)
	compose := "services:\n" +
		"  queue:\n    image: redis:7.4\n    command: redis-server --requirepass \"${REDIS_PASSWORD:?set it}\" --appendonly no # the queue\n    ports: [\"127.0.0.1:6379:6379\"]\n" +
		"  cache:\n    image: valkey/valkey:8\n    command: [\"valkey-server\", \"--rename-command\", \"FLUSHDB\", \"\"]\n    ports: [\"127.0.0.1:6380:6379\"]\n" +
		"  quoted:\n    image: redis:7.4\n    command: \"redis-server --requirepass ${REDIS_PASSWORD:?set it}\"\n    ports: [\"127.0.0.1:6381:6379\"]\n"
	_, path, src := fixCompose(t, compose)
	p := loadCompose(t, path, src)
	for _, name := range []string{"queue", "cache", "quoted"} {
		cmd := p.Services[name].Command
		if len(cmd) < 2 {
			t.Fatalf("%s: command %q", name, cmd)
		}
		var auth []string
		if name != "cache" {
			auth = []string{"default", operatorPassword}
		}
		srv, ok := redistest.Start(t, bin, cmd[1:], auth)
		if !ok {
			b, _ := os.ReadFile(srv.Log)
			t.Fatalf("%s: redis-server refused %q:\n%s", name, cmd, b)
		}
		for _, c := range []string{"FLUSHDB", "FLUSHALL"} {
			if _, err := srv.Do(c); err == nil || !strings.Contains(err.Error(), "unknown command") {
				t.Errorf("%s: %s is still available (%v)", name, c, err)
			}
		}
	}
	if !strings.Contains(string(src), "# the queue") {
		t.Errorf("a comment was lost:\n%s", src)
	}
}

// loadCompose loads a compose file through compose-go's full loader, REDIS_PASSWORD set.
func loadCompose(t *testing.T, path string, src []byte) *types.Project {
	t.Helper()
	p, err := loader.LoadWithContext(context.Background(), types.ConfigDetails{
		WorkingDir: filepath.Dir(path), ConfigFiles: []types.ConfigFile{{Filename: path, Content: src}},
		Environment: types.Mapping{"REDIS_PASSWORD": operatorPassword},
	}, func(o *loader.Options) { o.SetProjectName("fixed", true) })
	if err != nil {
		t.Fatalf("compose-go refuses the file: %v\n%s", err, src)
	}
	return p
}

// selfSigned is a throwaway certificate and key in PEM, for nginx -t.
func selfSigned(t *testing.T) (string, string) {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "localhost"}, NotBefore: time.Unix(0, 0), NotAfter: time.Unix(1<<33, 0)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
	if err != nil {
		t.Fatal(err)
	}
	kb, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})), string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kb}))
}

// fixCompose writes a compose file beside a .env holding REDIS_PASSWORD, runs fix on the
// folder, and returns the folder, the compose file's path and its bytes after the fix.
func fixCompose(t *testing.T, compose string) (string, string, []byte) {
	t.Helper()
	dir := tree{"compose.yaml": compose, ".env": "REDIS_PASSWORD=" + operatorPassword + "\n"}.write(t)
	fixDir(t, dir, false)
	path := filepath.Join(dir, "compose.yaml")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return dir, path, src
}
