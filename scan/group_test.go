package scan

import (
	"reflect"
	"testing"

	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scanners"
)

func TestAttachStacksNearestEnv(t *testing.T) {
	doc := func(rel, root string, d *scanners.Document) judged {
		d.Path = rel
		return judged{target: scanners.Target{Rel: rel, Root: root}, in: rules.Input{Doc: d}}
	}
	docs := []judged{
		doc(".env", "r", &scanners.Document{Kind: "dotenv", Env: map[string]scanners.StackVar{"A": {Value: "1", Path: ".env", Line: 3}}}),
		doc("openc3-redis/users.acl", "r", &scanners.Document{}),
		// other/ has no .env of its own, so it also belongs to the root stack.
		doc("other/users.acl", "r", &scanners.Document{}),
		doc("users.acl", "q", &scanners.Document{}),
	}
	attachStacks(docs, "dotenv")
	env, acl, otherRoot := docs[0].in.Stack, docs[1].in.Stack, docs[3].in.Stack
	if acl == nil || acl.Env["A"].Line != 3 || acl != env {
		t.Fatalf("users.acl does not see the parent .env: %+v", acl)
	}
	want := []string{".env", "openc3-redis/users.acl", "other/users.acl"}
	if !reflect.DeepEqual(acl.Files, want) {
		t.Errorf("files = %v, want %v", acl.Files, want)
	}
	if otherRoot == acl || len(otherRoot.Env) != 0 {
		t.Errorf("a document under another root must not share the stack: %+v", otherRoot)
	}
}

// TestEnvOfAnotherKindIsNoStackEnv: only files of the registry's environment kind give a
// stack its variables.
func TestEnvOfAnotherKindIsNoStackEnv(t *testing.T) {
	docs := []judged{{
		target: scanners.Target{Rel: ".env", Root: "r"},
		in:     rules.Input{Doc: &scanners.Document{Kind: "other", Path: ".env", Env: map[string]scanners.StackVar{"A": {Value: "1"}}}},
	}}
	attachStacks(docs, "dotenv")
	if len(docs[0].in.Stack.Env) != 0 {
		t.Errorf("stack took variables from a %s document", docs[0].in.Doc.Kind)
	}
}
