package compose_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/compose"
	"github.com/deploylint/deploylint/scanners/confine"
)

func parseWith(t *testing.T, r *confine.Reader, root, rel string) *scanners.Document {
	t.Helper()
	return parseUsing(t, compose.New(), r, root, rel)
}

// parseUsing parses root/rel with sc, reading the files beside it through r.
func parseUsing(t *testing.T, sc *compose.Scanner, r *confine.Reader, root, rel string) *scanners.Document {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := sc.ParseFile(scanners.Target{Path: p, Rel: rel, Root: root, Kind: "compose"}, src, r)
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	return doc
}

func environmentOf(doc *scanners.Document, service string) map[string]any {
	svc := doc.Data.(map[string]any)["services"].(map[string]any)[service].(map[string]any)
	return svc["environment"].(map[string]any)
}

// TestEnvFileOverTheLimitIsSkipped: an env_file above --max-file-size is not read (compose-go
// would read it whole) and is recorded as skipped; the other env_file is still read.
func TestEnvFileOverTheLimitIsSkipped(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{
		"app/compose.yaml": "services:\n  web:\n    image: nginx\n    env_file: [small.env, big.env]\n",
		"app/small.env":    "SMALL=1\n",
		"app/big.env":      "BIG=1\n" + strings.Repeat("# padding\n", 200),
	})
	doc := parseWith(t, confine.NewReader(confine.Options{MaxFileSize: 1000}), root, "app/compose.yaml")
	env := environmentOf(doc, "web")
	if env["SMALL"] != "1" || env["BIG"] != nil {
		t.Errorf("environment = %v, want SMALL from small.env and nothing from big.env", env)
	}
	want := []scanners.Skipped{{Rel: "app/big.env", Reason: "2006 bytes, above the 1000-byte size limit (max_file_size, --max-file-size)", Root: root}}
	if fmt.Sprint(doc.Skipped) != fmt.Sprint(want) {
		t.Errorf("skipped = %v, want %v", doc.Skipped, want)
	}
}

// TestEnvFileFIFODoesNotBlock: compose-go opens env_file entries with os.Open, which waits
// for a writer on a FIFO; through the reader the FIFO is refused and recorded.
func TestEnvFileFIFODoesNotBlock(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{"compose.yaml": "services:\n  web:\n    image: nginx\n    env_file: pipe.env\n"})
	if err := syscall.Mkfifo(filepath.Join(root, "pipe.env"), 0o644); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	done := make(chan *scanners.Document, 1)
	go func() { done <- parseWith(t, confine.NewReader(confine.Options{}), root, "compose.yaml") }()
	select {
	case doc := <-done:
		if fmt.Sprint(doc.Skipped) != fmt.Sprint([]scanners.Skipped{{Rel: "pipe.env", Reason: "not a regular file", Root: root}}) {
			t.Errorf("skipped = %v", doc.Skipped)
		}
	case <-time.After(time.Minute):
		t.Fatal("loading blocked on a FIFO env_file")
	}
}

// TestEnvFileOutsideIsRecorded: an env_file outside the root is not read, and the compose
// file records it under its own name, the same whether or not the outside file exists.
func TestEnvFileOutsideIsRecorded(t *testing.T) {
	outside := t.TempDir()
	write(t, outside, map[string]string{"real.env": "OUTSIDE=secret\n"})
	root := t.TempDir()
	relOut, err := filepath.Rel(root, outside)
	if err != nil {
		t.Fatal(err)
	}
	var reasons []string
	for _, name := range []string{"real.env", "none.env"} {
		write(t, root, map[string]string{"compose.yaml": "services:\n  web:\n    image: nginx\n    env_file: " + filepath.ToSlash(filepath.Join(relOut, name)) + "\n"})
		doc := parseWith(t, confine.NewReader(confine.Options{}), root, "compose.yaml")
		if environmentOf(doc, "web")["OUTSIDE"] != nil {
			t.Fatal("an env_file outside the root was read")
		}
		if len(doc.Skipped) != 1 || doc.Skipped[0].Rel != "compose.yaml" {
			t.Fatalf("skipped = %v", doc.Skipped)
		}
		reasons = append(reasons, strings.Replace(doc.Skipped[0].Reason, name, "NAME", 1))
	}
	if reasons[0] != reasons[1] || !strings.HasSuffix(reasons[0], ": outside the scan root; not read") {
		t.Errorf("reasons %q and %q differ by whether the outside file exists", reasons[0], reasons[1])
	}
}

// TestExtendsOverTheLimitIsSkipped: an extends file above the limit, directly or further down
// the chain, is not read and extends is not followed; the file is recorded as skipped.
func TestExtendsOverTheLimitIsSkipped(t *testing.T) {
	big := "services:\n  base:\n    image: nginx\n    environment: [FROM_BASE=1]\n" + strings.Repeat("# padding\n", 200)
	for name, files := range map[string]map[string]string{
		"direct": {
			"compose.yaml": "services:\n  web:\n    extends: {file: base.yaml, service: base}\n",
			"base.yaml":    big,
		},
		"chain": {
			"compose.yaml": "services:\n  web:\n    extends: {file: mid/mid.yaml, service: base}\n",
			"mid/mid.yaml": "services:\n  base:\n    extends: {file: ../base.yaml, service: base}\n",
			"base.yaml":    big,
		},
	} {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			write(t, root, files)
			doc := parseWith(t, confine.NewReader(confine.Options{MaxFileSize: 1000}), root, "compose.yaml")
			if environmentOf(doc, "web")["FROM_BASE"] != nil {
				t.Error("the extends file above the limit was read")
			}
			want := []scanners.Skipped{{Rel: "base.yaml", Reason: fmt.Sprintf("%d bytes, above the 1000-byte size limit (max_file_size, --max-file-size)", len(big)), Root: root}}
			if fmt.Sprint(doc.Skipped) != fmt.Sprint(want) {
				t.Errorf("skipped = %v, want %v", doc.Skipped, want)
			}
		})
	}
}

// TestExtendsSymlinkOutIsNotFollowed: an extended file's own extends names a symlink inside
// the root that leads out. compose-go would follow the link; the chain is refused instead.
func TestExtendsSymlinkOutIsNotFollowed(t *testing.T) {
	outside := t.TempDir()
	write(t, outside, map[string]string{"base.yaml": "services:\n  base:\n    image: nginx\n    environment: [FROM_OUTSIDE=outside-secret]\n"})
	root := t.TempDir()
	write(t, root, map[string]string{
		"compose.yaml": "services:\n  web:\n    extends: {file: mid.yaml, service: mid}\n",
		"mid.yaml":     "services:\n  mid:\n    extends: {file: link.yaml, service: base}\n",
	})
	if err := os.Symlink(filepath.Join(outside, "base.yaml"), filepath.Join(root, "link.yaml")); err != nil {
		t.Skipf("symlinks unavailable: %v", err)
	}
	p := filepath.Join(root, "compose.yaml")
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := compose.New().ParseFile(scanners.Target{Path: p, Rel: "compose.yaml", Root: root, Kind: "compose"}, src, confine.NewReader(confine.Options{}))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(fmt.Sprint(doc.Data), "outside-secret") {
		t.Fatalf("the extends file behind a symlink out of the root was read: %v", doc.Data)
	}
	want := []scanners.Skipped{{Rel: "link.yaml", Reason: "symlink leads out of the scan root; not followed", Root: root}}
	if fmt.Sprint(doc.Skipped) != fmt.Sprint(want) {
		t.Errorf("skipped = %v, want %v", doc.Skipped, want)
	}
}

// TestDotEnvOverTheLimitIsSkipped: the .env beside the compose file is read under the limit
// too, and a refused one is recorded.
func TestDotEnvOverTheLimitIsSkipped(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{
		".env":         "TAG=1\n" + strings.Repeat("# padding\n", 200),
		"compose.yaml": "services:\n  web:\n    image: nginx:${TAG:-latest}\n",
	})
	doc := parseWith(t, confine.NewReader(confine.Options{MaxFileSize: 1000}), root, "compose.yaml")
	svc := doc.Data.(map[string]any)["services"].(map[string]any)["web"].(map[string]any)
	if svc["image"] != "nginx:latest" {
		t.Errorf("image = %v: the .env above the limit was read", svc["image"])
	}
	if len(doc.Skipped) != 1 || doc.Skipped[0].Rel != ".env" {
		t.Errorf("skipped = %v", doc.Skipped)
	}
}

// TestBudgetIsShared: the files a compose file reads count against the scan's budget.
func TestBudgetIsShared(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{
		"compose.yaml": "services:\n  web:\n    image: nginx\n    env_file: a.env\n",
		"a.env":        "A=" + strings.Repeat("x", 100) + "\n",
	})
	r := confine.NewReader(confine.Options{Budget: 50})
	doc := parseWith(t, r, root, "compose.yaml")
	if environmentOf(doc, "web")["A"] != nil || len(doc.Skipped) != 1 || !strings.Contains(doc.Skipped[0].Reason, "50-byte budget") {
		t.Errorf("environment %v, skipped %v", environmentOf(doc, "web"), doc.Skipped)
	}
}
