package redisacl_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/internal/redistest"
	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/redisacl"
)

const probeUser = "deploylint-probe"

// startRedis loads aclFile plus a probe user; loaded is false when the server refuses the file.
func startRedis(t *testing.T, bin, aclFile string) (*redistest.Server, bool) {
	t.Helper()
	src, err := os.ReadFile(aclFile)
	if err != nil {
		t.Fatal(err)
	}
	copyPath := filepath.Join(t.TempDir(), "users.acl")
	// The probe user is appended on a line of its own; it cannot change whether earlier lines load.
	content := string(src) + "\nuser " + probeUser + " on >probe +@all ~* &*\n"
	if err := os.WriteFile(copyPath, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return redistest.Start(t, bin, []string{"--aclfile", copyPath}, []string{probeUser, "probe"})
}

// aclFiles lists every ACL file the test checks: testdata, the rule fixtures, the corpus.
func aclFiles(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, root := range []string{"testdata", "../../fixtures", "../../../shared/corpus"} {
		_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return nil //nolint:nilerr // an absent corpus is fine: it is optional
			}
			// Only regular files: fixtures/adversarial links out of the tree on purpose.
			if d.Type().IsRegular() && strings.HasSuffix(p, ".acl") {
				out = append(out, p)
			}
			return nil
		})
	}
	sort.Strings(out)
	return out
}

// serverUser is one line of ACL LIST, split into the parts deploylint models.
type serverUser struct {
	enabled, nopass bool
	flags, hashes   []string
	keys, channels  []string
	selectors       int
}

func parseACLListLine(line string) (string, serverUser) {
	f := strings.Fields(line)
	name := f[1]
	var u serverUser
	for _, w := range f[2:] {
		if strings.HasPrefix(w, "(") {
			u.selectors++
		}
	}
	// Only the root selector's parts: stop at the first selector.
	for _, w := range f[2:] {
		if strings.HasPrefix(w, "(") {
			break
		}
		switch {
		case w == "on":
			u.enabled = true
		case w == "nopass":
			u.nopass = true
		case w == "sanitize-payload" || w == "skip-sanitize-payload":
			u.flags = append(u.flags, w)
		case strings.HasPrefix(w, "#"):
			u.hashes = append(u.hashes, w[1:])
		case strings.HasPrefix(w, "~") || strings.HasPrefix(w, "%"):
			u.keys = append(u.keys, w)
		case strings.HasPrefix(w, "&"):
			u.channels = append(u.channels, w)
		}
	}
	sort.Strings(u.hashes)
	sort.Strings(u.keys)
	sort.Strings(u.channels)
	return name, u
}

// ourUser renders the parser's final state in the same parts.
func ourUser(m map[string]any) serverUser {
	u := serverUser{enabled: m["enabled"].(bool), nopass: m["nopass"].(bool)}
	u.flags = append(u.flags, m["flags"].([]string)...)
	for _, p := range m["passwords"].([]any) {
		u.hashes = append(u.hashes, p.(map[string]any)["sha256"].(string))
	}
	root := m["root"].(map[string]any)
	for _, k := range root["keys"].([]any) {
		km := k.(map[string]any)
		prefix := "~"
		if km["perm"] != "RW" {
			prefix = "%" + km["perm"].(string) + "~"
		}
		u.keys = append(u.keys, prefix+km["pattern"].(string))
	}
	for _, c := range root["channels"].([]any) {
		u.channels = append(u.channels, "&"+c.(map[string]any)["pattern"].(string))
	}
	u.selectors = len(m["selectors"].([]any))
	sort.Strings(u.hashes)
	sort.Strings(u.keys)
	sort.Strings(u.channels)
	return u
}

// probeCommands are run with ACL DRYRUN: commands without key or channel arguments, so the
// answer depends on command rules alone. AUTH and HELLO are left out: Redis lets every
// connection run them whatever its rules.
var probeCommands = [][]string{
	{"ping"},
	{"echo", "x"},
	{"info"},
	{"dbsize"},
	{"flushall"},
	{"flushdb"},
	{"keys", "*"},
	{"config", "get", "x"},
	{"config", "set", "x", "y"},
	{"acl", "list"},
	{"acl", "whoami"},
	{"client", "list"},
	{"cluster", "info"},
	{"module", "list"},
	{"debug", "sleep", "0"},
	{"select", "0"},
	{"save"},
	{"time"},
	{"slowlog", "get"},
	{"script", "flush"},
	{"multi"},
	{"monitor"},
	{"randomkey"},
	{"swapdb", "0", "1"},
	{"function", "list"},
	{"lastsave"},
}

// allowed evaluates command rules as Redis does: a base of all or nothing, then each rule in
// order for the commands it names; a user may run a command if any selector allows it.
func allowed(sc *redisacl.Scanner, m map[string]any, cmd string) bool {
	sels := []any{m["root"]}
	sels = append(sels, m["selectors"].([]any)...)
	for _, s := range sels {
		sel := s.(map[string]any)
		ok := sel["allcommands"].(bool)
		for _, rule := range sel["command_rules"].([]string) {
			target := rule[1:]
			hit := false
			switch {
			case strings.HasPrefix(target, "@"):
				for _, c := range sc.Categories(cmd) {
					if c == target[1:] {
						hit = true
					}
				}
			case target == cmd, strings.HasPrefix(cmd, target+"|"):
				hit = true
			}
			if hit {
				ok = rule[0] == '+'
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// TestAgainstRedisServer loads every ACL file into a real redis-server: deploylint reports a
// load error iff the server refuses the file, and the state it computes for each user is the
// state the server shows (ACL LIST) and enforces (ACL DRYRUN).
func TestAgainstRedisServer(t *testing.T) {
	bin := redistest.Require(t)
	sc := redisacl.New()
	files := aclFiles(t)
	if len(files) < 15 {
		t.Fatalf("only %d ACL files found", len(files))
	}
	for _, f := range files {
		t.Run(strings.ReplaceAll(f, "/", "_"), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := sc.Parse(f, src)
			if err != nil {
				t.Fatal(err)
			}
			data := scanners.Plain(doc.Data).(map[string]any)
			errs := data["errors"].([]any)
			srv, loaded := startRedis(t, bin, f)
			if loaded == (len(errs) > 0) {
				t.Fatalf("redis-server loaded=%v, deploylint errors=%v", loaded, errs)
			}
			if !loaded {
				return
			}
			reply, err := srv.Do("ACL", "LIST")
			if err != nil {
				t.Fatal(err)
			}
			server := map[string]serverUser{}
			for _, l := range reply.([]any) {
				name, u := parseACLListLine(l.(string))
				server[name] = u
			}
			for _, uv := range data["users"].([]any) {
				m := uv.(map[string]any)
				name := m["name"].(string)
				want, ok := server[name]
				if !ok {
					t.Errorf("user %q: not in ACL LIST", name)
					continue
				}
				if got := ourUser(m); fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("user %q:\n ours   %+v\n server %+v", name, got, want)
				}
				for _, pc := range probeCommands {
					args := append([]string{"ACL", "DRYRUN", name}, pc...)
					r, err := srv.Do(args...)
					serverOK := err == nil && r == "OK"
					cmd := pc[0]
					if len(pc) > 1 && sc.Categories(cmd+"|"+pc[1]) != nil {
						cmd += "|" + pc[1]
					}
					if got := allowed(sc, m, cmd); got != serverOK {
						t.Errorf("user %q command %s: ours allowed=%v, server %v (%v)", name, cmd, got, r, err)
					}
				}
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestCommandTableMatchesServer checks the embedded command table against a live server's
// categories, so a table from another Redis version is caught.
func TestCommandTableMatchesServer(t *testing.T) {
	bin := redistest.Require(t)
	dir := t.TempDir()
	acl := filepath.Join(dir, "empty.acl")
	if err := os.WriteFile(acl, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	srv, loaded := startRedis(t, bin, acl)
	if !loaded {
		t.Fatal("redis-server refused an empty ACL file")
	}
	sc := redisacl.New()
	cats, err := srv.Do("ACL", "CAT")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range cats.([]any) {
		cmds, err := srv.Do("ACL", "CAT", c.(string))
		if err != nil {
			t.Fatal(err)
		}
		for _, cmd := range cmds.([]any) {
			n++
			if !contains(sc.Categories(strings.ToLower(cmd.(string))), c.(string)) {
				t.Errorf("command %s: category %s missing from commands.txt", cmd, c)
			}
		}
	}
	if n < 300 {
		t.Errorf("only %d command/category pairs: the server answered oddly", n)
	}
}
