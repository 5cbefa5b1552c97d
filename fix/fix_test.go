package fix_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/deploylint/deploylint/fix"
	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scan"
	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/builtin"
	"github.com/deploylint/deploylint/scanners/dotenv"
)

// tree is a deployment folder written to a temporary directory: path → content.
type tree map[string]string

func (tr tree) write(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, p := range slices.Sorted(maps.Keys(tr)) {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		mode := fs.FileMode(0o644)
		if strings.HasSuffix(p, ".env") || strings.HasSuffix(p, ".acl") {
			mode = 0o600
		}
		if err := os.WriteFile(full, []byte(tr[p]), mode); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// engine is compiled once for every scan of the tests.
var engine = sync.OnceValues(func() (*rules.Engine, error) {
	return scan.NewEngine(context.Background(), scan.EngineOptions{Registry: builtin.Registry(), Config: &rules.Config{}})
})

func options(t testing.TB, dir string) scan.Options {
	t.Helper()
	e, err := engine()
	if err != nil {
		t.Fatal(err)
	}
	on := true
	return scan.Options{Paths: []string{dir}, Registry: builtin.Registry(), Config: scan.ConfigSource{None: true}, CheckPermissions: &on, Engine: e}
}

func scanDir(t *testing.T, dir string) []rules.Finding {
	t.Helper()
	res, err := scan.Run(context.Background(), options(t, dir))
	if err != nil {
		t.Fatal(err)
	}
	return res.Findings
}

func fixDir(t *testing.T, dir string, dry bool) *scan.Fixed {
	t.Helper()
	res, err := scan.Fix(context.Background(), options(t, dir), scan.FixOptions{DryRun: dry})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// snapshot is every file's mode and bytes below dir.
func snapshot(t *testing.T, dir string) map[string]string { return readTree(t, dir, true) }

// readTree is every regular file's bytes below dir, by slash path, after its mode when
// withMode.
func readTree(t *testing.T, dir string, withMode bool) map[string]string {
	t.Helper()
	out := map[string]string{}
	eachFile(t, dir, func(rel string, b []byte, mode fs.FileMode) error {
		out[rel] = string(b)
		if withMode {
			out[rel] = mode.String() + "\x00" + string(b)
		}
		return nil
	})
	return out
}

// eachFile calls f with the slash path, bytes and mode of every regular file below dir.
func eachFile(t testing.TB, dir string, f func(rel string, b []byte, mode fs.FileMode) error) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		return f(filepath.ToSlash(rel), b, info.Mode())
	})
	if err != nil {
		t.Fatal(err)
	}
}

// envValues reads the effective variables of a .env file as compose does.
func envValues(t *testing.T, path string) map[string]string {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := dotenv.New().Parse(".env", src)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for k, v := range doc.Env {
		out[k] = v.Value
	}
	return out
}

func sha(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func ids(fs []rules.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.RuleID+"@"+f.Path)
	}
	return out
}

// repaired are the rules whose findings a fix must leave none of on a COSMOS stack.
var repaired = []string{
	"ENV001", "ENV002", "ENV003", "ENV004", "ENV005", "ENV008", "ENV011", "ENV012",
	"ACL001", "ACL002", "ACL008", "ACL009", "ACL010", "ACL012", "FS001",
}

// operatorPassword is a strong password an operator chose: never to be replaced.
const operatorPassword = "Qm7vX2pL9sK4wR8tZ1nB6yH3"

func cosmosACL(openc3, scriptrunner, admin string) string {
	return "user healthcheck on nopass -@all +ping\n" +
		"user openc3 on " + openc3 + " allkeys allchannels -@all +@read +@write +@pubsub +@connection +@transaction +info\n" +
		"user scriptrunner on " + scriptrunner + " resetkeys ~running-script* -@all +@read +@write\n" +
		"user admin on " + admin + " +@admin\n" +
		"user default off\n"
}

// cosmosStacks are COSMOS deployments in the forms operators ship them: the release's
// defaults, hashed or in cleartext, quoted, exported, with comments and CRLF line endings, with
// renamed users, operator-chosen passwords on one side or both.
func cosmosStacks(t *testing.T) map[string]tree {
	t.Helper()
	demo := tree(readTree(t, "../fixtures/stacks/cosmos-default", false))
	env := func(lines ...string) string { return strings.Join(lines, "\n") + "\n" }
	return map[string]tree{
		"demo": demo,
		"cleartext": {
			".env": env("# COSMOS", "OPENC3_REDIS_USERNAME=openc3", "OPENC3_REDIS_PASSWORD=openc3password",
				"OPENC3_SR_REDIS_USERNAME=scriptrunner", "OPENC3_SR_REDIS_PASSWORD=scriptrunnerpassword",
				"OPENC3_SERVICE_PASSWORD=openc3service"),
			"openc3-redis/users.acl": cosmosACL(">openc3password", ">scriptrunnerpassword", ">adminpassword"),
		},
		"quoted-crlf": {
			".env": strings.ReplaceAll(env("export OPENC3_REDIS_PASSWORD=\"openc3password\" # shipped",
				"OPENC3_SR_REDIS_PASSWORD='scriptrunnerpassword'", "OPENC3_BUCKET_PASSWORD=openc3bucketpassword # change me",
				"SECRET_KEY_BASE=\"d2a1d0f8b7e0bb21b13abd8d9b3d56c1e4eb4ca1f2b4c0a5ef2a6aa8d9c8d5c7e8b9a0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6a7b8c9d0e1f2a3b4\""), "\n", "\r\n"),
			"openc3-redis/users.acl": strings.ReplaceAll(cosmosACL("#"+sha("openc3password"), "#"+sha("scriptrunnerpassword"), "#"+sha("adminpassword")), "\n", "\r\n"),
		},
		"renamed-user": {
			".env":                   env("OPENC3_REDIS_USERNAME=cosmos", "OPENC3_REDIS_PASSWORD=openc3password"),
			"openc3-redis/users.acl": "user cosmos on #" + sha("openc3password") + " allkeys allchannels +@all -@admin\nuser default off\n",
		},
		"operator-env": {
			".env":                   env("OPENC3_REDIS_PASSWORD="+operatorPassword, "OPENC3_SR_REDIS_PASSWORD=scriptrunnerpassword"),
			"openc3-redis/users.acl": cosmosACL("#"+sha("openc3password"), ">scriptrunnerpassword", "#"+sha("adminpassword")),
		},
		"mismatch": {
			".env":                   env("OPENC3_REDIS_PASSWORD="+operatorPassword, "OPENC3_SR_REDIS_PASSWORD="+operatorPassword+"-sr"),
			"openc3-redis/users.acl": cosmosACL("#"+sha("someone-elses-choice-1"), ">"+operatorPassword+"-other", "off #"+sha("adminpassword")),
		},
	}
}

func has(fs []rules.Finding, id string) bool {
	return slices.ContainsFunc(fs, func(f rules.Finding) bool { return f.RuleID == id && f.Suppressed == nil })
}

// TestFixCosmosStacks: a dry run changes nothing; fix leaves none of the default, cleartext or
// mismatch findings; operator-chosen passwords are kept; every paired user holds the hash of
// its .env password; a second fix changes nothing.
func TestFixCosmosStacks(t *testing.T) {
	for name, tr := range cosmosStacks(t) {
		t.Run(name, func(t *testing.T) {
			dir := tr.write(t)
			if name == "demo" {
				for _, p := range []string{".env", "openc3-redis/users.acl"} {
					if err := os.Chmod(filepath.Join(dir, p), 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			before := scanDir(t, dir)
			if !slices.ContainsFunc(before, func(f rules.Finding) bool { return slices.Contains(repaired, f.RuleID) }) {
				t.Fatalf("the stack has nothing to repair: %v", ids(before))
			}
			orig := envValues(t, filepath.Join(dir, ".env"))
			snap := snapshot(t, dir)
			dry := fixDir(t, dir, true)
			if !dry.Plan.Changed() {
				t.Fatal("the dry run plans no change")
			}
			if got := snapshot(t, dir); !maps.Equal(got, snap) {
				t.Fatal("the dry run changed files")
			}
			fixDir(t, dir, false)
			after := scanDir(t, dir)
			for _, id := range repaired {
				if has(after, id) {
					t.Errorf("%s still reported after fix: %v", id, ids(after))
				}
			}
			final := envValues(t, filepath.Join(dir, ".env"))
			for k, v := range orig {
				if strings.Contains(v, operatorPassword) && final[k] != v {
					t.Errorf("%s was chosen by the operator and was replaced", k)
				}
			}
			for k, v := range final {
				if v != orig[k] && (len(v) < 32 || strings.ContainsAny(v, " \"'$#\\")) {
					t.Errorf("%s got a new value of %d characters or unsafe characters", k, len(v))
				}
			}
			if kb, ok := final["SECRET_KEY_BASE"]; ok && kb != orig["SECRET_KEY_BASE"] {
				if len(kb) != 128 || strings.Trim(kb, "0123456789abcdef") != "" {
					t.Errorf("SECRET_KEY_BASE is not 128 hex characters")
				}
			}
			acl, err := os.ReadFile(filepath.Join(dir, "openc3-redis/users.acl"))
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(acl, []byte(" >")) {
				t.Errorf("users.acl still holds a cleartext password:\n%s", acl)
			}
			for user, pw := range pairedPasswords(final) {
				if bytes.Contains(acl, []byte("user "+user+" ")) && !bytes.Contains(acl, []byte("#"+sha(pw))) {
					t.Errorf("user %s lacks the SHA-256 of its .env password", user)
				}
			}
			if bytes.Contains(snapBytes(snap, "openc3-redis/users.acl"), []byte("\r\n")) != bytes.Contains(acl, []byte("\r\n")) {
				t.Error("users.acl changed its line endings")
			}
			again := snapshot(t, dir)
			if second := fixDir(t, dir, false); second.Plan.Changed() {
				t.Errorf("a second fix changes %d files", len(second.Plan.Changes))
			}
			if !maps.Equal(snapshot(t, dir), again) {
				t.Error("a second fix changed files")
			}
		})
	}
}

func snapBytes(snap map[string]string, p string) []byte {
	_, content, _ := strings.Cut(snap[p], "\x00")
	return []byte(content)
}

// pairedPasswords maps each Redis user COSMOS logs in as to its .env password, as ACL008 pairs
// them.
func pairedPasswords(env map[string]string) map[string]string {
	out := map[string]string{}
	for _, p := range [][3]string{{"OPENC3_REDIS_PASSWORD", "OPENC3_REDIS_USERNAME", "openc3"}, {"OPENC3_SR_REDIS_PASSWORD", "OPENC3_SR_REDIS_USERNAME", "scriptrunner"}} {
		pw, ok := env[p[0]]
		if !ok {
			continue
		}
		user := p[2]
		if u, ok := env[p[1]]; ok {
			user = u
		}
		out[user] = pw
	}
	return out
}

// TestFixMinimalEdits: only the values change; comments, quotes, export, order and line
// endings stay, byte for byte.
func TestFixMinimalEdits(t *testing.T) {
	tr := cosmosStacks(t)["quoted-crlf"]
	dir := tr.write(t)
	fixDir(t, dir, false)
	got, err := os.ReadFile(filepath.Join(dir, ".env"))
	if err != nil {
		t.Fatal(err)
	}
	oldLines := strings.Split(tr[".env"], "\r\n")
	newLines := strings.Split(string(got), "\r\n")
	if len(oldLines) != len(newLines) {
		t.Fatalf("%d lines became %d", len(oldLines), len(newLines))
	}
	for i := range oldLines {
		oldName, oldVal, _ := strings.Cut(oldLines[i], "=")
		newName, newVal, _ := strings.Cut(newLines[i], "=")
		if oldName != newName {
			t.Errorf("line %d: name %q became %q", i+1, oldName, newName)
		}
		// What surrounds the value (quotes, a comment) is kept.
		for _, keep := range []string{`"`, `'`, " # shipped", " # change me"} {
			if strings.Count(oldVal, keep) != strings.Count(newVal, keep) {
				t.Errorf("line %d: %q not kept", i+1, keep)
			}
		}
	}
}

// copyTree copies the regular files below src into a new temporary directory, modes kept.
func copyTree(t testing.TB, src string) string {
	t.Helper()
	dst := t.TempDir()
	eachFile(t, src, func(rel string, b []byte, mode fs.FileMode) error {
		p := filepath.Join(dst, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, b, mode.Perm())
	})
	return dst
}

// key names a finding without its position, which an edit above it may move.
func key(f rules.Finding) string { return f.RuleID + " " + f.Path + " " + f.Fingerprint }

// TestFixEveryBadFixture runs fix on every rule's bad/ tree: each finding the plan says it
// fixed is gone from a new scan, no finding appears that was not there, and a second fix
// changes nothing.
func TestFixEveryBadFixture(t *testing.T) {
	dirs, err := filepath.Glob("../fixtures/*/bad")
	if err != nil || len(dirs) < 50 {
		t.Fatalf("%d bad fixtures (%v)", len(dirs), err)
	}
	fixedAny := map[string]bool{}
	for _, d := range dirs {
		t.Run(filepath.Base(filepath.Dir(d)), func(t *testing.T) {
			dir := copyTree(t, d)
			before := map[string]bool{}
			for _, f := range scanDir(t, dir) {
				before[key(f)] = true
			}
			res := fixDir(t, dir, false)
			claimed := map[string]bool{}
			for _, o := range res.Plan.Outcomes {
				if o.Fixed {
					claimed[key(o.Finding)] = true
					fixedAny[o.Finding.RuleID] = true
				}
			}
			// A repair may leave a milder finding of what it repaired: an admin whose cleartext
			// password is hashed is still an enabled admin (ACL012 → ACL005); a Redis bound to
			// loopback is still open on the compose network (CMP004 → CMP013).
			milder := map[string]string{"ACL005": "ACL012", "CMP013": "CMP004"}
			for _, f := range scanDir(t, dir) {
				switch k := key(f); {
				case milder[f.RuleID] != "" && before[milder[f.RuleID]+" "+f.Path+" "+f.Fingerprint]:
				case claimed[k]:
					t.Errorf("%s:%d %s was fixed, yet is still reported: %s", f.Path, f.Range.Start.Line, f.RuleID, f.Message)
				case !before[k] && f.RuleID != "ACL008":
					t.Errorf("the fix brought a new finding: %s:%d %s %s", f.Path, f.Range.Start.Line, f.RuleID, f.Message)
				}
			}
			if again := fixDir(t, dir, true); again.Plan.Changed() {
				t.Errorf("a second fix would change %s", again.Plan.Changes[0].Path)
			}
		})
	}
	for _, id := range []string{"ENV001", "ENV004", "ENV008", "ACL001", "ACL002", "ACL009", "ACL010", "ACL012", "RDS003", "RDS004", "NGX001", "NGX002", "NGX008", "NGX012", "CMP002", "CMP011", "DCOS003", "DCOS005", "DCOS013"} {
		if !fixedAny[id] {
			t.Errorf("no %s finding of the bad fixtures was fixed", id)
		}
	}
}

// TestScanRepairsHoldNoSecret: a scan asked for repairs (SARIF's fixes) gives them to the
// findings whose edit holds no secret, and applying them gives what fix writes; a finding
// whose repair is a new password or the hash of one gets none.
func TestScanRepairsHoldNoSecret(t *testing.T) {
	tr := tree{
		".env":             "OPENC3_REDIS_PASSWORD=openc3password\n",
		"users.acl":        "user default off\nuser openc3 on >openc3password ~* -@all +@read\n",
		"compose.yaml":     "services:\n  redis:\n    image: redis:7\n    command: redis-server --aclfile /etc/users.acl\n    ports:\n      - \"6379:6379\"\n    volumes: [\"./users.acl:/etc/users.acl:ro\"]\n",
		"nginx/nginx.conf": "events {}\nhttp {\n  ssl_protocols TLSv1 TLSv1.2;\n}\n",
	}
	dir := tr.write(t)
	opt := options(t, dir)
	opt.Repairs = true
	res, err := scan.Run(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	with := map[string]bool{}
	for _, f := range res.Findings {
		if f.Repair == nil {
			continue
		}
		with[f.RuleID] = true
		for _, fe := range f.Repair.Files {
			for _, e := range fe.Edits {
				if strings.Contains(e.Text, "#") || regexp.MustCompile(`[A-Za-z0-9_]{20,}`).MatchString(e.Text) {
					t.Errorf("%s: a repair carries what may be a secret", f.RuleID)
				}
			}
		}
	}
	for _, id := range []string{"CMP002", "NGX012"} {
		if !with[id] {
			t.Errorf("%s has no repair", id)
		}
	}
	for _, id := range []string{"ENV001", "ACL001", "ACL002"} {
		if with[id] {
			t.Errorf("%s carries a repair, which would print a secret", id)
		}
		if !has(res.Findings, id) {
			t.Errorf("the tree lacks %s", id)
		}
	}
	// The repairs, applied by line and column as an editor would, give fix's bytes.
	fixed := fixDir(t, copyTree(t, dir), true)
	compared := 0
	for _, c := range fixed.Plan.Changes {
		if c.Path != "compose.yaml" && c.Path != "nginx/nginx.conf" {
			continue
		}
		compared++
		lines := strings.SplitAfter(string(c.Old), "\n")
		for _, f := range res.Findings {
			if f.Repair == nil {
				continue
			}
			for _, fe := range f.Repair.Files {
				if fe.Path != c.Path {
					continue
				}
				for k := len(fe.Edits) - 1; k >= 0; k-- {
					e := fe.Edits[k]
					if e.Range.Start.Line != e.Range.End.Line {
						t.Fatalf("a multi-line replacement: %+v", e)
					}
					l := lines[e.Range.Start.Line-1]
					lines[e.Range.Start.Line-1] = l[:e.Range.Start.Column-1] + e.Text + l[e.Range.End.Column-1:]
				}
			}
		}
		if got := strings.Join(lines, ""); got != string(c.New()) {
			t.Errorf("%s: the SARIF repairs give\n%s\nfix gives\n%s", c.Path, got, c.New())
		}
	}
	if compared != 2 {
		t.Errorf("fix changed %d of the two files with repairs", compared)
	}
}

// TestFixNoSecretsAndSuppressed: --no-secrets repairs the port and leaves every password
// alone; a finding the baseline accepts is not repaired, and a users.acl whose only finding is
// accepted is left as it is.
func TestFixNoSecretsAndSuppressed(t *testing.T) {
	tr := tree{
		".env":         "OPENC3_REDIS_PASSWORD=" + operatorPassword + "\nGF_SECURITY_ADMIN_PASSWORD=admin\n",
		"users.acl":    "user default off\nuser openc3 on #" + sha("an older password of the operator") + " ~* -@all +@read\n",
		"compose.yaml": "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/pg\n    ports: [\"5432:5432\"]\n",
	}
	dir := tr.write(t)
	opt := options(t, dir)
	res, err := scan.Fix(context.Background(), opt, scan.FixOptions{NoSecrets: true})
	if err != nil {
		t.Fatal(err)
	}
	got := readTree(t, dir, false)
	if got[".env"] != tr[".env"] || got["users.acl"] != tr["users.acl"] {
		t.Error("--no-secrets changed a secret file")
	}
	if !strings.Contains(got["compose.yaml"], `"127.0.0.1:5432:5432"`) || len(res.Plan.Changes) != 1 {
		t.Errorf("--no-secrets did not bind the port alone:\n%s", got["compose.yaml"])
	}
	opt.Baseline = map[string]bool{}
	for _, f := range scanDir(t, dir) {
		if f.RuleID == "ACL008" || f.RuleID == "ENV008" {
			opt.Baseline[f.Fingerprint] = true
		}
	}
	if len(opt.Baseline) != 2 {
		t.Fatalf("the tree lacks its ACL008 and ENV008 findings: %v", ids(scanDir(t, dir)))
	}
	if res, err = scan.Fix(context.Background(), opt, scan.FixOptions{}); err != nil {
		t.Fatal(err)
	}
	if res.Plan.Changed() {
		t.Errorf("accepted findings were repaired: %s changed", res.Plan.Changes[0].Path)
	}
}

// TestOneAssignmentOneRotation: an assignment carrying two findings (ENV001 in .env, CMP003
// where compose interpolates it) gets one new value, not two overlapping edits.
func TestOneAssignmentOneRotation(t *testing.T) {
	e, err := engine()
	if err != nil {
		t.Fatal(err)
	}
	src := []byte("# COSMOS\nOPENC3_REDIS_PASSWORD=openc3password\n")
	doc, err := dotenv.New().Parse(".env", src)
	if err != nil {
		t.Fatal(err)
	}
	at := scanners.LineRange(2, 23, 37)
	in := fix.Input{
		Findings: []rules.Finding{
			{RuleID: "ENV001", Path: ".env", Range: at, Fingerprint: "a"},
			{RuleID: "CMP003", Path: ".env", Range: at, Fingerprint: "b"},
		},
		Files:  map[string]*fix.File{".env": {Path: ".env", Kind: "dotenv", Src: src, Doc: doc, Mode: 0o600}},
		Stacks: [][]string{{".env", "compose.yaml"}},
		Values: e.Values(), RedisUsers: e.RedisUsers(), Rand: rand.Reader,
	}
	plan, err := fix.Make(in)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Changes) != 1 || len(plan.Changes[0].Edits) != 1 {
		t.Fatalf("want one edit, got %+v", plan.Changes)
	}
	for _, o := range plan.Outcomes {
		if !o.Fixed {
			t.Errorf("%s not fixed: %s", o.Finding.RuleID, o.Text)
		}
	}
	if got := string(plan.Changes[0].New()); !strings.HasPrefix(got, "# COSMOS\nOPENC3_REDIS_PASSWORD=") || len(got) != len("# COSMOS\nOPENC3_REDIS_PASSWORD=\n")+40 {
		t.Errorf("the file became %q", got)
	}
}

// TestFixEdgeCases are the shapes a review found fix getting wrong: each must end with none of
// the listed findings, and a second fix changing nothing.
func TestFixEdgeCases(t *testing.T) {
	cases := []struct {
		name   string
		tree   tree
		enable []string
		gone   []string // rules none of whose findings may remain
		check  func(t *testing.T, dir string)
	}{
		{
			name:   "only ACL002 enabled keeps the password the .env still holds",
			tree:   tree{".env": "OPENC3_REDIS_PASSWORD=openc3password\n", "users.acl": "user default off\nuser openc3 on #" + sha("openc3password") + " ~* -@all +get\n"},
			enable: []string{"ACL002"},
			check: func(t *testing.T, dir string) {
				if got := readTree(t, dir, false)["users.acl"]; !strings.Contains(got, "#"+sha("openc3password")) {
					t.Errorf("openc3 lost its only password:\n%s", got)
				}
			},
		},
		{
			name: "a reference to a rotated variable",
			tree: tree{
				".env":      "OPENC3_REDIS_PASSWORD=openc3password\nOPENC3_SR_REDIS_PASSWORD=${OPENC3_REDIS_PASSWORD}\n",
				"users.acl": cosmosACL("#"+sha("openc3password"), "#"+sha("scriptrunnerpassword"), "off #"+sha("adminpassword")),
			},
			gone: []string{"ACL002", "ACL008", "ENV001"},
		},
		{
			name: "a password written before resetpass",
			tree: tree{".env": "OPENC3_REDIS_PASSWORD=" + operatorPassword + "\n", "users.acl": "user default off\nuser openc3 on #" + sha("older") + " resetpass ~* -@all +get\n"},
			gone: []string{"ACL008"},
		},
		{
			name: "an admin with a password of its own stays on",
			tree: tree{"users.acl": "user default off\nuser admin on >adminpassword #" + sha(operatorPassword) + " +@admin\n"},
			gone: []string{"ACL002", "ACL001"},
			check: func(t *testing.T, dir string) {
				if got := readTree(t, dir, false)["users.acl"]; !strings.Contains(got, "user admin on #"+sha(operatorPassword)) {
					t.Errorf("the admin lost its own password or was turned off:\n%s", got)
				}
			},
		},
		{
			name: "a default written twice on one user",
			tree: tree{
				".env":      "OPENC3_REDIS_PASSWORD=openc3password\n",
				"users.acl": "user default off\nuser openc3 on >openc3password #" + sha("openc3password") + " ~* -@all +@read\nuser admin on #" + sha("adminpassword") + " >adminpassword +@admin\n",
			},
			gone: []string{"ACL001", "ACL002", "ACL012", "ENV001"},
		},
		{
			name: "two ends of one connection holding one default",
			tree: tree{
				".env":         "POSTGRES_PASSWORD=postgres\nKC_DB_PASSWORD=postgres\n",
				"compose.yaml": "services:\n  db:\n    image: postgres:17\n    environment: {POSTGRES_PASSWORD: \"${POSTGRES_PASSWORD}\"}\n  kc:\n    image: quay.io/keycloak/keycloak:26.0\n    environment: {KC_DB_PASSWORD: \"${KC_DB_PASSWORD}\"}\n",
			},
			gone: []string{"ENV008", "ENV009"},
			check: func(t *testing.T, dir string) {
				env := envValues(t, filepath.Join(dir, ".env"))
				if env["POSTGRES_PASSWORD"] == "postgres" || env["POSTGRES_PASSWORD"] != env["KC_DB_PASSWORD"] {
					t.Error("the two ends of the connection no longer agree, or kept the default")
				}
			},
		},
		{
			name: "a DC/OS document with an end marker",
			tree: tree{"genconf/config.yaml": "bootstrap_url: http://bootstrap:8080\nsecurity: strict\n...\n"},
			gone: []string{"META001"},
		},
		{
			name: "FLUSHALL renamed to another name",
			tree: tree{"redis.conf": "bind 0.0.0.0\nrename-command FLUSHALL somename\nrequirepass " + operatorPassword + "\n"},
			gone: []string{"META001"},
			check: func(t *testing.T, dir string) {
				got := readTree(t, dir, false)["redis.conf"]
				if strings.Count(got, "FLUSHALL") != 1 || !strings.Contains(got, `rename-command FLUSHDB ""`) {
					t.Errorf("redis.conf:\n%s", got)
				}
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := c.tree.write(t)
			opt := options(t, dir)
			opt.Enable = c.enable
			res, err := scan.Fix(context.Background(), opt, scan.FixOptions{})
			if err != nil {
				t.Fatal(err)
			}
			claimed := map[string]bool{}
			for _, o := range res.Plan.Outcomes {
				if o.Fixed {
					claimed[key(o.Finding)+o.Finding.Message] = true
				}
			}
			for _, f := range scanDir(t, dir) {
				if slices.Contains(c.gone, f.RuleID) || claimed[key(f)+f.Message] {
					t.Errorf("after fix: %s:%d %s %s", f.Path, f.Range.Start.Line, f.RuleID, f.Message)
				}
			}
			if c.check != nil {
				c.check(t, dir)
			}
			if again, err := scan.Fix(context.Background(), opt, scan.FixOptions{DryRun: true}); err != nil || again.Plan.Changed() {
				t.Errorf("a second fix would change files (%v)", err)
			}
		})
	}
	// Modes are changed only where FS001 counts them.
	dir := tree{".env": "OPENC3_REDIS_PASSWORD=openc3password\n"}.write(t)
	if err := os.Chmod(filepath.Join(dir, ".env"), 0o644); err != nil {
		t.Fatal(err)
	}
	opt := options(t, dir)
	off := false
	opt.CheckPermissions = &off
	res, err := scan.Fix(context.Background(), opt, scan.FixOptions{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range res.Plan.Changes {
		if c.Mode != 0 {
			t.Errorf("%s: mode changed with the permission check off", c.Path)
		}
	}
}

// TestFixLeavesLiteralCopies: a .env password a compose file also writes literally (a URL, a
// password option, a secret-named variable) is left, since rotating one copy locks the other
// service out; a user or image name that happens to equal it is no copy.
func TestFixLeavesLiteralCopies(t *testing.T) {
	base := "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: postgres\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n"
	for name, c := range map[string]struct {
		compose string
		rotated bool
	}{
		"interpolated only": {base, true},
		"a URL":             {base + "  app:\n    image: example/app\n    environment:\n      - DATABASE_URL=postgres://postgres:postgres@db/app\n", false},
		"a variable":        {base + "  app:\n    image: example/app\n    environment:\n      DB_PASSWORD: postgres\n", false},
		"an option":         {base + "  backup:\n    image: postgres:16\n    command: pg_dump --password postgres app\n", false},
	} {
		t.Run(name, func(t *testing.T) {
			dir := tree{".env": "POSTGRES_PASSWORD=postgres\n", "compose.yaml": c.compose}.write(t)
			fixDir(t, dir, false)
			got := envValues(t, filepath.Join(dir, ".env"))["POSTGRES_PASSWORD"]
			if (got != "postgres") != c.rotated {
				t.Errorf("rotated = %v, want %v", got != "postgres", c.rotated)
			}
		})
	}
}

// TestFixSafeguards: a .env named alone keeps its secrets (its users.acl was not scanned); a
// folder whose .env cannot be written gets no new users.acl hash either; a short secret on an
// untouched line never reaches the diff.
func TestFixSafeguards(t *testing.T) {
	stack := tree{
		".env":      "OPENC3_REDIS_PASSWORD=openc3password\nOPENC3_TSDB_PASSWORD=q7\n",
		"users.acl": "user default off\nuser openc3 on #" + sha("openc3password") + " ~* -@all +get\n",
	}
	dir := stack.write(t)
	alone := options(t, dir)
	alone.Paths = []string{filepath.Join(dir, ".env")}
	res, err := scan.Fix(context.Background(), alone, scan.FixOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := readTree(t, dir, false); got[".env"] != stack[".env"] || res.Plan.Changed() {
		t.Error("a .env named alone was rotated")
	}

	dry := fixDir(t, dir, true)
	for _, c := range dry.Plan.Changes {
		d, err := c.Diff(dry.Redactor)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(d, "q7") || c.Path == ".env" && !strings.Contains(d, "<new random password, 40 characters>") {
			t.Errorf("the diff of %s shows a short secret, or no masked new one:\n%s", c.Path, d)
		}
	}

	// The .env becomes a symlink to a file in the root: it cannot be written, so neither is
	// the users.acl that would hold the hash of its new password.
	target := filepath.Join(dir, "real.txt")
	if err := os.Rename(filepath.Join(dir, ".env"), target); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real.txt", filepath.Join(dir, ".env")); err != nil {
		t.Fatal(err)
	}
	res = fixDir(t, dir, false)
	if res.Failed[".env"] == nil || res.Failed["users.acl"] == nil {
		t.Fatalf("want both files refused, got %v", res.Failed)
	}
	if got := readTree(t, dir, false); got["users.acl"] != stack["users.acl"] || got["real.txt"] != stack[".env"] {
		t.Error("a file of the folder was written while its .env could not be")
	}
}
