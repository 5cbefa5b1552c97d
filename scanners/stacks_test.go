package scanners_test

import (
	"reflect"
	"testing"

	"github.com/deploylint/deploylint/scanners"
)

func TestAttachStacksNearestEnv(t *testing.T) {
	env := &scanners.Document{Path: ".env", Env: map[string]scanners.StackVar{"A": {Value: "1", Path: ".env", Line: 3}}}
	acl := &scanners.Document{Path: "openc3-redis/users.acl"}
	lone := &scanners.Document{Path: "other/users.acl"}
	otherRoot := &scanners.Document{Path: "users.acl"}
	docs := []scanners.Located{
		{Doc: env, Target: scanners.Target{Rel: ".env", Root: "r"}},
		{Doc: acl, Target: scanners.Target{Rel: "openc3-redis/users.acl", Root: "r"}},
		{Doc: lone, Target: scanners.Target{Rel: "other/users.acl", Root: "r"}},
		{Doc: otherRoot, Target: scanners.Target{Rel: "users.acl", Root: "q"}},
	}
	// other/ has no .env of its own, so it also belongs to the root stack.
	scanners.AttachStacks(docs)
	if acl.Stack == nil || acl.Stack.Env["A"].Line != 3 || acl.Stack != env.Stack {
		t.Fatalf("users.acl does not see the parent .env: %+v", acl.Stack)
	}
	want := []string{".env", "openc3-redis/users.acl", "other/users.acl"}
	if !reflect.DeepEqual(acl.Stack.Files, want) {
		t.Errorf("files = %v, want %v", acl.Stack.Files, want)
	}
	if otherRoot.Stack == acl.Stack || len(otherRoot.Stack.Env) != 0 {
		t.Errorf("a document under another root must not share the stack: %+v", otherRoot.Stack)
	}
}
