package dotenv_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	composedotenv "github.com/compose-spec/compose-go/v2/dotenv"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/dotenv"
)

// effective returns the name → value map a document's effective variables define.
func effective(t *testing.T, doc *scanners.Document) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, v := range doc.Data.(map[string]any)["vars"].([]any) {
		m := v.(map[string]any)
		if m["effective"].(bool) {
			out[m["name"].(string)] = m["value"].(string)
		}
	}
	return out
}

// envFiles lists the .env-like files under dir.
func envFiles(t *testing.T, dir string) []string {
	t.Helper()
	s := dotenv.New()
	var out []string
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return nil //nolint:nilerr // an unreadable corner of the tree is not this test's concern
		}
		if d.IsDir() {
			if d.Name() == ".git" || d.Name() == "node_modules" {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil // a symbolic link (fixtures/adversarial has loops and links out of the tree)
		}
		base := d.Name()
		if s.Match(base) != scanners.NoMatch || strings.HasSuffix(base, ".env") || strings.HasPrefix(base, "env.") {
			out = append(out, p)
		}
		return nil
	})
	return out
}

// TestAgreesWithCompose parses every .env-like file of the fixtures, the testdata and the
// real-world corpus with compose-go's own parser and with ours: both must accept or refuse it
// alike and, when accepted, give the same effective values.
func TestAgreesWithCompose(t *testing.T) {
	var files []string
	files = append(files, envFiles(t, "testdata")...)
	files = append(files, envFiles(t, "../../fixtures")...)
	if _, err := os.Stat("../../../shared/corpus"); err == nil {
		files = append(files, envFiles(t, "../../../shared/corpus")...)
	}
	if len(files) < 10 {
		t.Fatalf("only %d files found: the comparison would prove little", len(files))
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		want, werr := composedotenv.ParseWithLookup(bytes.NewReader(src), func(string) (string, bool) { return "", false })
		doc, gerr := dotenv.New().Parse(f, src)
		if (werr != nil) != (gerr != nil) {
			t.Errorf("%s: compose error %v, ours %v", f, werr, gerr)
			continue
		}
		if werr != nil {
			continue
		}
		if got := effective(t, doc); !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %q\nwant %q", f, got, want)
		}
	}
}
