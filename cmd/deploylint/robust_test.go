package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/deploylint/deploylint/report"
)

// TestDeterministicAcrossCores: the same tree scanned with one and with two cores gives
// byte-identical output in every machine-readable format (and twice on the same count).
func TestDeterministicAcrossCores(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	// The whole fixtures tree: every kind, parse errors, suppressions, includes, hostile files.
	tree := filepath.Join(repoRoot, "fixtures")
	for _, format := range report.Formats() {
		if format == "text" {
			continue // its summary line carries the elapsed time
		}
		var outs []string
		for _, procs := range []int{1, 2, 2, 1} {
			runtime.GOMAXPROCS(procs)
			var out, errOut bytes.Buffer
			code := run([]string{"scan", "--format", format, "--fail-on", "never", "--no-check-permissions", tree}, &out, &errOut, func(string) string { return "" })
			if code != exitOK {
				t.Fatalf("%s, GOMAXPROCS=%d: exit %d: %s", format, procs, code, errOut.String())
			}
			outs = append(outs, out.String())
		}
		for i := 1; i < len(outs); i++ {
			if outs[i] != outs[0] {
				t.Errorf("%s: run %d differs from run 0 (GOMAXPROCS 1, 2, 2, 1)", format, i)
			}
		}
		if len(outs[0]) < 1000 {
			t.Errorf("%s: suspiciously short output (%d bytes)", format, len(outs[0]))
		}
	}
}

// canary is in every file outside the scan root; it must never reach any output.
const canary = "CANARY-9d41e7-outside-the-root"

// TestNothingOutsideTheRootIsOpened builds a tree whose symlinks, includes, env_files, extends
// and bind mounts all point outside it, at files full of findings, and checks with inotify
// that not one of them is opened during a scan, and that the canary appears in no output.
func TestNothingOutsideTheRootIsOpened(t *testing.T) {
	base := t.TempDir()
	outside := filepath.Join(base, "outside")
	root := filepath.Join(base, "repo", "deploy")
	secret := "OPENC3_REDIS_PASSWORD=openc3password # " + canary + "\n"
	files := map[string]string{
		"outside/canary.env":       secret,
		"outside/canary.acl":       "user default on nopass ~* +@all # " + canary + "\n",
		"outside/canary.conf":      "# " + canary + "\nserver { listen 80; autoindex on; }\n",
		"outside/redis.conf":       "# " + canary + "\nrequirepass foobared\n",
		"outside/base.yaml":        "# " + canary + "\nservices:\n  base:\n    image: redis\n    ports: [\"6379:6379\"]\n",
		"outside/nginx/nginx.conf": "# " + canary + "\nevents {}\nhttp { server { listen 80; } }\n",
		"repo/deploy/nginx/nginx.conf": "events {}\nhttp {\n  server_tokens off;\n  include " + filepath.Join(outside, "canary.conf") + ";\n" +
			"  include ../../../outside/canary.conf;\n  include /etc/nginx/../../../outside/canary.conf;\n}\n",
		"repo/deploy/redis.conf": "port 6379\nrequirepass Zq9longUniquePassw0rd\ninclude " + filepath.Join(outside, "redis.conf") + "\ninclude ../../outside/redis.conf\n",
		"repo/deploy/compose.yaml": "services:\n  app:\n    image: example/app\n    env_file: ../../outside/canary.env\n" +
			"    volumes:\n      - ../../outside/canary.acl:/usr/local/etc/redis/users.acl\n" +
			"  cache:\n    extends:\n      file: ../../outside/base.yaml\n      service: base\n",
	}
	for rel, content := range files {
		p := filepath.Join(base, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	links := map[string]string{
		"repo/deploy/.env":           "../../outside/canary.env",
		"repo/deploy/users.acl":      filepath.Join(outside, "canary.acl"),
		"repo/deploy/linked":         "../../outside", // a folder: never descended
		"repo/deploy/conf.d":         "../../outside/nginx",
		"repo/deploy/app/.env":       "/etc/passwd",
		"repo/deploy/app/redis.conf": "../../../outside/redis.conf",
	}
	for rel, target := range links {
		p := filepath.Join(base, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
	}

	fd, err := unix.InotifyInit1(unix.IN_NONBLOCK | unix.IN_CLOEXEC)
	if err != nil {
		t.Skipf("inotify unavailable: %v", err)
	}
	defer unix.Close(fd)
	for _, d := range []string{outside, filepath.Join(outside, "nginx")} {
		if _, err := unix.InotifyAddWatch(fd, d, unix.IN_OPEN|unix.IN_ACCESS); err != nil {
			t.Fatal(err)
		}
	}

	for _, format := range report.Formats() {
		var out, errOut bytes.Buffer
		code := run([]string{"scan", "--format", format, "--fail-on", "never", "--no-check-permissions", root}, &out, &errOut, func(string) string { return "" })
		if code != exitOK {
			t.Fatalf("%s: exit %d: %s", format, code, errOut.String())
		}
		all := out.String() + errOut.String()
		if strings.Contains(all, canary) || strings.Contains(all, "root:x:0:0") {
			t.Errorf("%s output holds content from outside the scan root:\n%s", format, all)
		}
		if format == "json" && !strings.Contains(all, "META004") {
			t.Errorf("the escaping links are not reported (META004):\n%s", all)
		}
	}
	// Also named one by one, as pre-commit passes them.
	var out, errOut bytes.Buffer
	run([]string{
		"scan", "--fail-on", "never", "--no-check-permissions",
		filepath.Join(root, ".env"), filepath.Join(root, "users.acl"), filepath.Join(root, "app/redis.conf"),
	}, &out, &errOut, func(string) string { return "" })
	if strings.Contains(out.String()+errOut.String(), canary) {
		t.Errorf("named symlinks were followed out of the tree:\n%s", out.String())
	}

	buf := make([]byte, 64*1024)
	n, err := unix.Read(fd, buf)
	if err != nil && err != unix.EAGAIN {
		t.Fatal(err)
	}
	for off := 0; off+unix.SizeofInotifyEvent <= n; {
		ev := (*unix.InotifyEvent)(unsafePointer(buf[off:]))
		name := strings.TrimRight(string(buf[off+unix.SizeofInotifyEvent:off+unix.SizeofInotifyEvent+int(ev.Len)]), "\x00")
		t.Errorf("a file outside the scan root was opened: %s (mask %#x)", name, ev.Mask)
		off += unix.SizeofInotifyEvent + int(ev.Len)
	}
}
