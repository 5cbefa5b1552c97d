package redisconf_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/confine"
	"github.com/deploylint/deploylint/scanners/redisconf"
)

func writeTree(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

func parseConf(t *testing.T, r *confine.Reader, root string) *scanners.Document {
	t.Helper()
	p := filepath.Join(root, "redis.conf")
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := redisconf.New().ParseFile(scanners.Target{Path: p, Rel: "redis.conf", Root: root}, src, r)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestHugeSparseIncludeIsSkipped: an included 10 GiB file of holes is refused from its size
// (redisconf.go read includes whole): it is recorded as skipped, and parsing allocates far
// less than the file's size; the readable include is still read.
func TestHugeSparseIncludeIsSkipped(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"redis.conf":       "bind 127.0.0.1\ninclude conf.d/*.conf\n",
		"conf.d/auth.conf": "requirepass fromincluded\n",
		"conf.d/huge.conf": "",
	})
	if err := os.Truncate(filepath.Join(root, "conf.d", "huge.conf"), 10<<30); err != nil {
		t.Skipf("no sparse files here: %v", err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	doc := parseConf(t, confine.NewReader(confine.Options{}), root)
	runtime.ReadMemStats(&after)
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 64<<20 {
		t.Errorf("parsing allocated %d bytes", grew)
	}
	want := []scanners.Skipped{{Rel: "conf.d/huge.conf", Reason: "10737418240 bytes, above the 10485760-byte size limit (max_file_size, --max-file-size)", Root: root}}
	if fmt.Sprint(doc.Skipped) != fmt.Sprint(want) {
		t.Errorf("skipped = %v, want %v", doc.Skipped, want)
	}
	if !strings.Contains(fmt.Sprint(doc.Data), "fromincluded") {
		t.Errorf("the readable include was not read: %v", doc.Data)
	}
}

// TestIncludeOutsideSaysOneThing: an include whose path leads out of the root is recorded on
// the including file with the same words whether or not the outside folder exists, and its
// files are never read; a symlink out of the root is recorded under its own name.
func TestIncludeOutsideSaysOneThing(t *testing.T) {
	run := func(outsideExists bool) *scanners.Document {
		base := t.TempDir()
		root := filepath.Join(base, "tree")
		outside := filepath.Join(base, "elsewhere")
		writeTree(t, root, map[string]string{"redis.conf": "include ../elsewhere/*.conf\ninclude conf.d/*.conf\n", "conf.d/ok.conf": "port 6380\n"})
		if outsideExists {
			writeTree(t, outside, map[string]string{"a.conf": "requirepass outside-secret\n", "b.conf": "requirepass linked-secret\n"})
		}
		if err := os.Symlink(filepath.Join(outside, "b.conf"), filepath.Join(root, "conf.d", "link.conf")); err != nil {
			t.Skipf("symlinks unavailable: %v", err)
		}
		return parseConf(t, confine.NewReader(confine.Options{}), root)
	}
	for name, doc := range map[string]*scanners.Document{"outside files exist": run(true), "outside files missing": run(false)} {
		root := doc.Skipped[0].Root
		want := []scanners.Skipped{
			{Rel: "redis.conf", Reason: "include ../elsewhere/*.conf: outside the scan root; not read", Root: root},
			{Rel: "conf.d/link.conf", Reason: "symlink leads out of the scan root; not followed", Root: root},
		}
		if fmt.Sprint(doc.Skipped) != fmt.Sprint(want) {
			t.Errorf("%s: skipped = %v, want %v", name, doc.Skipped, want)
		}
		if d := fmt.Sprint(doc.Data); strings.Contains(d, "secret") || !strings.Contains(d, "6380") {
			t.Errorf("%s: directives = %s", name, d)
		}
	}
}
