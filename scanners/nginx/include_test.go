package nginx_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/confine"
	"github.com/deploylint/deploylint/scanners/nginx"
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

func parseMain(t *testing.T, r *confine.Reader, root string) *scanners.Document {
	t.Helper()
	return parseAt(t, r, root, "nginx.conf")
}

// parseAt parses the file rel of root as the scan would, its includes through r.
func parseAt(t *testing.T, r *confine.Reader, root, rel string) *scanners.Document {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := nginx.New().ParseFile(scanners.Target{Path: p, Rel: rel, Root: root}, src, r)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func notes(doc *scanners.Document) []string {
	var out []string
	for _, n := range scanners.Plain(doc.Data).(map[string]any)["include_notes"].([]any) {
		m := n.(map[string]any)
		out = append(out, fmt.Sprintf("%v %v: %v", m["line"], m["include"], m["reason"]))
	}
	return out
}

// TestHugeSparseIncludeIsSkipped: an included 10 GiB file of holes is refused from its size
// (nginx.go read includes whole whatever --max-file-size said): it is recorded as skipped,
// noted on the include, and parsing allocates far less than the file's size.
func TestHugeSparseIncludeIsSkipped(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"nginx.conf":       "events {}\nhttp {\n  include conf.d/*.conf;\n}\n",
		"conf.d/site.conf": "server {\n  listen 80;\n}\n",
		"conf.d/huge.conf": "",
	})
	if err := os.Truncate(filepath.Join(root, "conf.d", "huge.conf"), 10<<30); err != nil {
		t.Skipf("no sparse files here: %v", err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	doc := parseMain(t, confine.NewReader(confine.Options{}), root)
	runtime.ReadMemStats(&after)
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 64<<20 {
		t.Errorf("parsing allocated %d bytes", grew)
	}
	reason := "10737418240 bytes, above the 10485760-byte size limit (max_file_size, --max-file-size)"
	if want := []scanners.Skipped{{Rel: "conf.d/huge.conf", Reason: reason, Root: root}}; fmt.Sprint(doc.Skipped) != fmt.Sprint(want) {
		t.Errorf("skipped = %v, want %v", doc.Skipped, want)
	}
	if want := []string{"3 conf.d/*.conf: conf.d/huge.conf: " + reason}; fmt.Sprint(notes(doc)) != fmt.Sprint(want) {
		t.Errorf("notes = %v, want %v", notes(doc), want)
	}
	if fmt.Sprint(doc.Consumed) != "[conf.d/site.conf]" {
		t.Errorf("consumed = %v: the readable include must still be read", doc.Consumed)
	}
}

// TestFIFOIncludeIsSkipped: an include that is a FIFO is refused without blocking.
func TestFIFOIncludeIsSkipped(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{"nginx.conf": "events {}\ninclude pipe.conf;\n"})
	if err := syscall.Mkfifo(filepath.Join(root, "pipe.conf"), 0o600); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	done := make(chan *scanners.Document, 1)
	go func() { done <- parseMain(t, confine.NewReader(confine.Options{}), root) }()
	select {
	case doc := <-done:
		if want := []scanners.Skipped{{Rel: "pipe.conf", Reason: "not a regular file", Root: root}}; fmt.Sprint(doc.Skipped) != fmt.Sprint(want) {
			t.Errorf("skipped = %v", doc.Skipped)
		}
	case <-time.After(time.Minute):
		t.Fatal("reading an included FIFO blocked")
	}
}

// TestIncludeOutsideSaysOneThing: an include leading out of the root (by its path or by a
// symlink) is noted with the same words whether the outside files exist or not, and nothing
// outside is read.
func TestIncludeOutsideSaysOneThing(t *testing.T) {
	run := func(outsideExists bool) (*scanners.Document, string) {
		base := t.TempDir()
		root := filepath.Join(base, "tree")
		outside := filepath.Join(base, "elsewhere")
		writeTree(t, root, map[string]string{
			"nginx.conf": "events {}\nhttp {\n" +
				"  include ../elsewhere/conf/*.conf;\n" +
				"  include ../elsewhere/conf/a.conf;\n" +
				"  include conf.d/*.conf;\n}\n",
			"conf.d/ok.conf": "server_tokens off;\n",
		})
		if outsideExists {
			writeTree(t, outside, map[string]string{"conf/a.conf": "ssl_protocols SSLv3;\n", "conf/link.conf": "ssl_protocols SSLv2;\n"})
		}
		if err := os.Symlink(filepath.Join(outside, "conf", "link.conf"), filepath.Join(root, "conf.d", "link.conf")); err != nil {
			t.Skipf("symlinks unavailable: %v", err)
		}
		return parseMain(t, confine.NewReader(confine.Options{}), root), root
	}
	there, _ := run(true)
	missing, _ := run(false)
	want := []string{
		"3 ../elsewhere/conf/*.conf: outside the scan root; not read",
		"4 ../elsewhere/conf/a.conf: outside the scan root; not read",
		"5 conf.d/*.conf: outside the scan root; not read",
	}
	for name, doc := range map[string]*scanners.Document{"outside files exist": there, "outside files missing": missing} {
		if fmt.Sprint(notes(doc)) != fmt.Sprint(want) {
			t.Errorf("%s: notes = %v, want %v", name, notes(doc), want)
		}
		if d := fmt.Sprint(scanners.Plain(doc.Data)); strings.Contains(d, "SSLv") {
			t.Errorf("%s: an outside file was read: %s", name, d)
		}
		if len(doc.Skipped) != 0 {
			t.Errorf("%s: skipped = %v (NGX011 reports what leads out)", name, doc.Skipped)
		}
		if fmt.Sprint(doc.Consumed) != "[conf.d/ok.conf]" {
			t.Errorf("%s: consumed = %v", name, doc.Consumed)
		}
	}
}

// TestIncludesShareTheBudget: once the scan's budget is spent, further includes are skipped.
func TestIncludesShareTheBudget(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"nginx.conf":    "events {}\ninclude conf.d/*.conf;\n",
		"conf.d/a.conf": "server_tokens off;\n",
		"conf.d/b.conf": "server_tokens off;\n",
	})
	doc := parseMain(t, confine.NewReader(confine.Options{Budget: 20}), root)
	if fmt.Sprint(doc.Consumed) != "[conf.d/a.conf]" || len(doc.Skipped) != 1 || doc.Skipped[0].Rel != "conf.d/b.conf" {
		t.Errorf("consumed %v, skipped %v", doc.Consumed, doc.Skipped)
	}
}

// TestIncludesAgainstConfPrefix: a snippet below the folder of nginx.conf includes paths
// relative to that folder (nginx's conf prefix), as h5bp's test/vhosts do; a path found in
// neither is still noted, and no folder above the scan root is looked in.
func TestIncludesAgainstConfPrefix(t *testing.T) {
	outside := t.TempDir()
	root := filepath.Join(outside, "scan")
	writeTree(t, outside, map[string]string{
		// Above the scan root: an nginx.conf and the file the snippet names are never used.
		"nginx.conf":      "events {}\n",
		"tls/absent.conf": "ssl_protocols SSLv3;\n",
	})
	writeTree(t, root, map[string]string{
		"nginx.conf":               "events {}\nhttp { include vhosts/*.conf; }\n",
		"tls/policy.conf":          "ssl_protocols TLSv1 TLSv1.2;\n",
		"test/vhosts/default.conf": "server {\n  listen 443 ssl;\n  include tls/policy.conf;\n  include tls/absent.conf;\n}\n",
	})
	doc := parseAt(t, confine.NewReader(confine.Options{}), root, "test/vhosts/default.conf")
	if want := []string{"tls/policy.conf"}; fmt.Sprint(doc.Consumed) != fmt.Sprint(want) {
		t.Errorf("consumed %v, want %v", doc.Consumed, want)
	}
	if want := []string{"4 tls/absent.conf: file not found in the scanned tree"}; fmt.Sprint(notes(doc)) != fmt.Sprint(want) {
		t.Errorf("notes = %v, want %v", notes(doc), want)
	}
	var protocols []string
	for _, d := range scanners.Plain(doc.Data).(map[string]any)["directives"].([]any) {
		if m := d.(map[string]any); m["name"] == "ssl_protocols" {
			protocols = append(protocols, fmt.Sprint(m["file"], " ", m["args"]))
		}
	}
	if want := "[tls/policy.conf [TLSv1 TLSv1.2]]"; fmt.Sprint(protocols) != want {
		t.Errorf("ssl_protocols read = %v, want %s", protocols, want)
	}
}
