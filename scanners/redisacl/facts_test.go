package redisacl_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"reflect"
	"testing"
)

func sha256Hex(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// userOf parses one "user u on <rules>" line (after "user default off") and returns user u.
func userOf(t *testing.T, name, rules string) map[string]any {
	t.Helper()
	_, data := parse(t, fmt.Sprintf("user default off\nuser %s on %s\n", name, rules))
	return data["users"].([]any)[1].(map[string]any)
}

// TestAdminGrants: what a user may run that administers the server, as the rules name it:
// the selector's last rule for a target decides, else its base; whole commands and categories
// (in the order @all, @admin, @dangerous, acl, config, module, debug) before subcommands.
func TestAdminGrants(t *testing.T) {
	all := []string{"@all", "@admin", "@dangerous", "acl", "config", "module", "debug"}
	for _, tc := range []struct {
		rules string
		want  []string
	}{
		{"+@all", all},
		{"allcommands -flushall", all},
		{"+@all -@admin", []string{"@all", "@dangerous", "acl", "config", "module", "debug"}},
		{"+@all -config|set", all}, // a subcommand taken back leaves the command granted
		{"-@all +@admin", []string{"@admin"}},
		{"+config +@admin", []string{"@admin", "config"}},
		{"+@read +@write", []string{}},
		{"+@admin -@admin", []string{}}, // the last rule for a target decides
		{"+get (+acl|setuser)", []string{"acl|setuser"}},
		{"+@read +config|set", []string{"config|set"}},
		{"+acl|setuser (+acl|setuser) +@dangerous", []string{"@dangerous", "acl|setuser"}}, // no repeats
		// Describing the server is not administering it.
		{"+@read +info +config|get +acl|whoami +acl|cat +module|list", []string{}},
		{"nocommands", []string{}},
	} {
		u := userOf(t, "app", tc.rules)
		if got := u["admin_grants"]; !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q: admin_grants = %v, want %v", tc.rules, got, tc.want)
		}
	}
}

// TestBeyondHealth: a user may do more than health checks when a selector allows every
// command, a command other than PING, CLUSTER INFO, AUTH and HELLO, or any key or channel.
func TestBeyondHealth(t *testing.T) {
	for _, tc := range []struct {
		rules string
		want  bool
	}{
		{"nopass -@all +ping", false},
		{"nopass +ping +cluster|info +auth +hello", false},
		{"nopass +ping -get", false},
		{"nopass +ping +info", true},
		{"nopass +ping ~health:*", true},
		{"nopass +ping &events", true},
		{"nopass +ping (+get)", true},
		{"nopass +@all", true},
		{"nopass", false},
	} {
		u := userOf(t, "probe", tc.rules)
		if got := u["beyond_health"]; got != tc.want {
			t.Errorf("%q: beyond_health = %v, want %v", tc.rules, got, tc.want)
		}
	}
}

// TestAdminAccount: a user meant to administer Redis by its name, or the default user.
func TestAdminAccount(t *testing.T) {
	for name, want := range map[string]bool{
		"admin": true, "Administrator": true, "root": true, "superuser": true, "redisadmin": true,
		"ops-ADMIN": true, "default": true, "openc3": false, "scriptrunner": false, "rooted": false,
	} {
		_, data := parse(t, "user "+name+" on +@all\n")
		if got := data["users"].([]any)[0].(map[string]any)["admin_account"]; got != want {
			t.Errorf("%s: admin_account = %v, want %v", name, got, want)
		}
	}
}

// TestIndexes: the document's indexes list users in file order, refused lines included, and
// only the final passwords.
func TestIndexes(t *testing.T) {
	_, data := parse(t, "user default on nopass +@all\n"+
		"user app on >shared -@all +get\n"+
		"user ops on >shared >gone <gone +config\n"+
		"user app off\n"+
		"user probe on nopass >pw +ping\n") // >pw after nopass: the user has a password
	wantByName := map[string]any{"default": []any{0}, "app": []any{1, 3}, "ops": []any{2}, "probe": []any{4}}
	if got := data["by_name"]; !reflect.DeepEqual(got, wantByName) {
		t.Errorf("by_name = %v, want %v", got, wantByName)
	}
	if got, want := data["granting_admin"], []any{0, 2}; !reflect.DeepEqual(got, want) {
		t.Errorf("granting_admin = %v, want %v", got, want)
	}
	if got, want := data["nopass_users"], []any{0}; !reflect.DeepEqual(got, want) {
		t.Errorf("nopass_users = %v, want %v", got, want)
	}
	bySHA := data["passwords_by_sha256"].(map[string]any)
	shared := sha256Hex("shared")
	if got, want := bySHA[shared], []any{[]any{1, 0}, []any{2, 0}}; !reflect.DeepEqual(got, want) {
		t.Errorf("passwords_by_sha256[shared] = %v, want %v (a password two users share)", got, want)
	}
	if _, ok := bySHA[sha256Hex("gone")]; ok {
		t.Error("a password removed again with <pw is not a final password")
	}
	if len(bySHA) != 2 {
		t.Errorf("passwords_by_sha256 has %d hashes, want 2 (shared, pw): %v", len(bySHA), bySHA)
	}
}
