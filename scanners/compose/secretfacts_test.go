package compose_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/scanners"
)

// flagsOf returns a service's command_flags keyed "name=value origin secret weak @line".
func flagsOf(t *testing.T, doc *scanners.Document, svc string) []string {
	t.Helper()
	s := doc.Data.(map[string]any)["services"].(map[string]any)[svc].(map[string]any)
	var out []string
	for i, f := range s["command_flags"].([]any) {
		m := f.(map[string]any)
		sp := doc.Spans[scanners.PathKey("services", svc, "command_flags", i)]
		desc := fmt.Sprintf("%s %s=%s %s", m["program"], m["name"], m["value"], m["origin"])
		if m["secret"] == true {
			desc += " secret"
		}
		if m["weak"] == true {
			desc += " weak"
		}
		if vars := m["vars"].([]any); len(vars) > 0 {
			desc += fmt.Sprintf(" vars%v", vars)
		}
		out = append(out, fmt.Sprintf("%s @%d", desc, sp.Key.Start.Line))
	}
	return out
}

func TestCommandLineFlags(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		".env": "REDIS_PASSWORD=Vd8tq2Lw9Zr4Xk1p\n",
		"compose.yaml": `services:
  exec:
    image: redis:7
    command: ["redis-server", "--requirepass", "foobared", "--appendonly", "yes"]
  string:
    image: redis:7
    command: redis-server --requirepass "${REDIS_PASSWORD}" --save ""
  netbox:
    image: valkey/valkey:8
    command:
      - sh
      - -c # the password comes from env_file
      - valkey-server --appendonly yes --requirepass $$REDIS_PASSWORD ## $$ because of docker-compose
  site:
    image: frappe/erpnext
    entrypoint:
      - bash
      - -c
    command:
      - >
        wait-for-it -t 120 db:3306;
        if [ -d "sites/frontend" ]; then
          echo exists;
        else
          bench new-site --admin-password=admin --db-root-password='admin' --set-default frontend;
        fi;
        mysql -uroot -p"${DB_ROOT:-123}" -e 'select 1' && mysql -p frontend
  nested:
    image: redis:7
    entrypoint: ["/bin/sh", "-ec"]
    command: ["exec su redis -c \"redis-cli -a hello ping; redis-server --requirepass $$PW\""]
  bare:
    image: redis:7
    command: ["--requirepass", "${UNSET_PW:-changeme}"]
  computed:
    image: redis:7
    command:
      - sh
      - -c
      - |
        PW=$$(cat /run/secrets/redis)
        for DB in a b; do echo $$DB; done
        exec redis-server --requirepass "$$PW" --masterauth "$${MASTER_PW}" --replicaof "$$DB" 6379
  dump:
    image: postgres:16
    command: pg_dump --username=app --no-password appdb
    environment:
      MYSQL_ALLOW_EMPTY_PASSWORD: "yes"
`,
	})
	doc := parseFile(t, dir, "compose.yaml")
	for svc, want := range map[string][]string{
		"exec": {"redis-server --requirepass=foobared literal secret weak @4", "redis-server --appendonly=yes literal @4"},
		// From .env: judged there, not here (and never rated again).
		"string": {"redis-server --requirepass=Vd8tq2Lw9Zr4Xk1p interpolated secret @7", "redis-server --save= literal @7"},
		"netbox": {"valkey-server --appendonly=yes literal @13", "valkey-server --requirepass= shell secret vars[REDIS_PASSWORD] @13"},
		"site": {
			"wait-for-it -t=120 literal @21",
			"[ -d=sites/frontend literal @22",
			"bench --admin-password=admin literal secret weak @25",
			"bench --db-root-password=admin literal secret weak @25",
			"bench --set-default=frontend literal @25",
			"mysql -u=root literal @27",
			"mysql -p=123 default secret weak @27",
			"mysql -e=select 1 literal @27",
			"mysql -p=frontend literal @27", // mysql -p alone prompts: "frontend" is the database
		},
		"nested": {"redis-cli -a=hello literal secret weak @31", "redis-server --requirepass= shell secret vars[PW] @31"},
		// No program: the image's entrypoint runs redis-server with these arguments.
		"bare": {" --requirepass=changeme default secret weak @34"},
		// A switch ending like a secret is not a password flag, its next word no password.
		"dump": {"pg_dump --username=app literal @46", "pg_dump --no-password=appdb literal @46"},
		// Variables the script sets itself are no environment variables.
		"computed": {"redis-server --requirepass= shell secret @43", "redis-server --masterauth= shell vars[MASTER_PW] @43", "redis-server --replicaof= shell @43"},
	} {
		if got := flagsOf(t, doc, svc); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s:\n got %q\nwant %q", svc, got, want)
		}
	}
}

// TestEnvironmentWeak: only compose-written secrets (and their fall-backs) are rated here.
func TestEnvironmentWeak(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		".env": "FROM_ENV=supersecret\n",
		"compose.yaml": `services:
  db:
    image: mariadb:11
    environment:
      MYSQL_ROOT_PASSWORD: ${DB_PASSWORD:-123}
      MYSQL_PASSWORD: x7Qv2LpZ9mWc4RtB
      MYSQL_USER: admin
      APP_SECRET: ${FROM_ENV}
`,
	})
	doc := parseFile(t, dir, "compose.yaml")
	db := doc.Data.(map[string]any)["services"].(map[string]any)["db"].(map[string]any)
	if got := fmt.Sprint(db["environment_weak"]); got != "map[MYSQL_ROOT_PASSWORD:true]" {
		t.Errorf("environment_weak = %s", got)
	}
}

// TestFallbackRatedWhenTheFileNeedsStandIns: a variable the file requires is unset, so the
// load runs with stand-in values; a fall-back is still rated as compose would use it.
func TestFallbackRatedWhenTheFileNeedsStandIns(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"compose.yaml": `services:
  db:
    image: mariadb:11
    environment:
      REQUIRED_TOKEN: ${REQUIRED_TOKEN:?set it}
      MYSQL_ROOT_PASSWORD: ${DB_PASSWORD:-Vd8tq2Lw9Zr4Xk1p}
      MYSQL_PASSWORD: ${APP_PASSWORD:-123}
  cache:
    image: redis:7
    command: sh -c "exec redis-server --requirepass ${CACHE_PW:-Vd8tq2Lw9Zr4Xk1p} --masterauth $$X"
`,
	})
	doc := parseFile(t, dir, "compose.yaml")
	db := doc.Data.(map[string]any)["services"].(map[string]any)["db"].(map[string]any)
	if got := fmt.Sprint(db["environment_weak"]); got != "map[MYSQL_PASSWORD:true]" {
		t.Errorf("environment_weak = %s", got)
	}
	want := []string{"redis-server --requirepass=Vd8tq2Lw9Zr4Xk1p default secret @10", "redis-server --masterauth= shell vars[X] @10"}
	if got := flagsOf(t, doc, "cache"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("cache:\n got %q\nwant %q", got, want)
	}
}

// TestEnvFilesUnread: env_file entries outside the scan root are not read; rules are told so.
func TestEnvFilesUnread(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"outside.env": "REDIS_PASSWORD=Vd8tq2Lw9Zr4Xk1p\n",
		"root/compose.yaml": `services:
  redis:
    image: valkey/valkey:8
    command: ["sh", "-c", "valkey-server --requirepass $$REDIS_PASSWORD"]
    env_file: ../outside.env
  other:
    image: redis:7
`,
	})
	doc := parseFile(t, dir+"/root", "compose.yaml")
	svcs := doc.Data.(map[string]any)["services"].(map[string]any)
	if svcs["redis"].(map[string]any)["env_files_unread"] != true || svcs["other"].(map[string]any)["env_files_unread"] != false {
		t.Errorf("env_files_unread: redis %v, other %v", svcs["redis"].(map[string]any)["env_files_unread"], svcs["other"].(map[string]any)["env_files_unread"])
	}
}
