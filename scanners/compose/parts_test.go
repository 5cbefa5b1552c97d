package compose_test

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/compose"
	"github.com/deploylint/deploylint/scanners/confine"
)

// composeFiles lists the compose files under root as discovery finds them (by name, or a YAML
// file with a top-level services key), symbolic links left out: a fixture may point outside
// the repository on purpose.
func composeFiles(t *testing.T, root string) []string {
	t.Helper()
	sc := compose.New()
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		switch sc.Match(filepath.Base(p)) {
		case scanners.Match:
			out = append(out, p)
		case scanners.MaybeMatch:
			if b, err := os.ReadFile(p); err == nil && sc.Sniff(b) {
				out = append(out, p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestPartsMatchLoader loads every compose file of the fixtures and of the shared corpus
// (when present) twice: from compose-go's parts, as a scan does, and through compose-go's
// full loader (strict mode). Where the parts path answers, the documents must be the same:
// services, ports, environment, volumes, binds, secrets, spans, skipped files.
//
// The one legitimate difference: the full loader validates the file against compose's JSON
// schema, the parts path checks only what rules read. A file whose only fault lies in an
// attribute no rule reads loads from parts and is a META001 in strict mode; that case is
// allowed here when the loader's error is the schema's.
func TestPartsMatchLoader(t *testing.T) {
	roots := []string{"../../fixtures"}
	if st, err := os.Stat("../../../shared/corpus"); err == nil && st.IsDir() {
		roots = append(roots, "../../../shared/corpus")
	} else {
		t.Log("../shared/corpus is absent: comparing the fixtures only")
	}
	parts := compose.New()
	answered := map[string]error{}
	compose.Observe(parts, func(rel string, why error) { answered[rel] = why })
	full := compose.NewWithOptions(compose.Options{Strict: true})
	total, fromParts := 0, 0
	for _, root := range roots {
		for _, p := range composeFiles(t, root) {
			rel, err := filepath.Rel(root, p)
			if err != nil {
				t.Fatal(err)
			}
			rel = filepath.ToSlash(rel)
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			target := scanners.Target{Path: p, Rel: rel, Root: root, Kind: "compose"}
			delete(answered, rel)
			got, gotErr := parts.ParseFile(target, src, confine.NewReader(confine.Options{}))
			want, wantErr := full.ParseFile(target, src, confine.NewReader(confine.Options{}))
			total++
			why, seen := answered[rel]
			if seen && why == nil {
				fromParts++
			} else if seen {
				t.Logf("%s: loader (%v)", rel, why)
			}
			if gotErr != nil || wantErr != nil {
				if gotErr == nil && strings.Contains(wantErr.Error(), "validating ") {
					t.Logf("%s: only the schema refuses it: %v", rel, wantErr)
					continue
				}
				if gotErr == nil || wantErr == nil || gotErr.Error() != wantErr.Error() {
					t.Errorf("%s: parts: %v; loader: %v", rel, gotErr, wantErr)
				}
				continue
			}
			same(t, rel, "data", got.Data, want.Data)
			same(t, rel, "spans", got.Spans, want.Spans)
			same(t, rel, "binds", got.Binds, want.Binds)
			same(t, rel, "secret files", got.SecretFiles, want.SecretFiles)
			same(t, rel, "secrets", got.Secrets, want.Secrets)
			same(t, rel, "skipped", got.Skipped, want.Skipped)
		}
	}
	t.Logf("%d compose files, %d loaded from parts", total, fromParts)
	// Most files must take the parts path, or this test compares the loader with itself.
	if total < 10 || fromParts*3 < total*2 {
		t.Errorf("only %d of %d compose files loaded from parts", fromParts, total)
	}
}

func same(t *testing.T, rel, what string, got, want any) {
	t.Helper()
	if reflect.DeepEqual(got, want) {
		return
	}
	g, _ := json.MarshalIndent(got, "", " ")
	w, _ := json.MarshalIndent(want, "", " ")
	gl, wl := strings.Split(string(g), "\n"), strings.Split(string(w), "\n")
	for i := 0; i < len(gl) && i < len(wl); i++ {
		if gl[i] != wl[i] {
			t.Errorf("%s: %s differ at line %d: parts %q, loader %q", rel, what, i+1, gl[i], wl[i])
			return
		}
	}
	t.Errorf("%s: %s differ (parts %d lines, loader %d)", rel, what, len(gl), len(wl))
}

// TestPartsFallBack: what the parts cannot answer goes to the loader, and the document is
// the loader's.
func TestPartsFallBack(t *testing.T) {
	for name, files := range map[string]map[string]string{
		"extends": {
			"base.yaml":    "services:\n  redis:\n    image: redis:7\n",
			"compose.yaml": "services:\n  cache:\n    extends: {file: base.yaml, service: redis}\n",
		},
		"include":        {"compose.yaml": "include: [other.yaml]\nservices:\n  a:\n    image: x\n"},
		"reset":          {"compose.yaml": "services:\n  a:\n    image: x\n    ports: !reset []\n"},
		"two documents":  {"compose.yaml": "services:\n  a:\n    image: x\n---\nservices:\n  b:\n    image: y\n"},
		"unknown key":    {"compose.yaml": "services:\n  a:\n    image: x\n    imagee: y\n"},
		"unset port":     {"compose.yaml": "services:\n  a:\n    image: x\n    ports: [\"${P}\"]\n"},
		"unset required": {"compose.yaml": "services:\n  a:\n    image: ${IMG:?set IMG}\n"},
		"bad boolean":    {".env": "RO=maybe\n", "compose.yaml": "services:\n  a:\n    image: x\n    read_only: ${RO}\n"},
		"duplicate port": {"compose.yaml": "services:\n  a:\n    image: x\n    ports: [\"80:80\", \"80:80\"]\n"},
		"list item":      {"compose.yaml": "services:\n  a:\n    image: x\n    environment: [A=1, 5]\n"},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, files)
			p := filepath.Join(dir, "compose.yaml")
			src := []byte(files["compose.yaml"])
			target := scanners.Target{Path: p, Rel: "compose.yaml", Root: dir, Kind: "compose"}
			sc := compose.New()
			var why error
			compose.Observe(sc, func(_ string, w error) { why = w })
			got, gotErr := sc.ParseFile(target, src, confine.NewReader(confine.Options{}))
			if why == nil {
				t.Fatal("the parts path answered")
			}
			want, wantErr := compose.NewWithOptions(compose.Options{Strict: true}).ParseFile(target, src, confine.NewReader(confine.Options{}))
			if (gotErr == nil) != (wantErr == nil) || gotErr != nil && gotErr.Error() != wantErr.Error() {
				t.Fatalf("errors differ: %v / %v", gotErr, wantErr)
			}
			if gotErr == nil {
				same(t, name, "data", got.Data, want.Data)
			}
		})
	}
}

// TestPartsAnswer: the common forms load from parts, with compose's values.
func TestPartsAnswer(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		".env": "TAG=7\nRO=true\nPW=s3cr3t-Value\n",
		"compose.yaml": "services:\n  redis:\n    image: redis:${TAG}\n    read_only: ${RO}\n" +
			"    ports: [6379, \"127.0.0.1:8000-8001:80-81/udp\", {target: \"9000\", published: 9001}]\n" +
			"    expose: [1, \"2\"]\n    environment: [PW, \"A=$${X}\", TAG]\n" +
			"    volumes: [\"./data/:/data/:ro\", {type: bind, source: ./acl, target: /etc/acl, read_only: \"true\"}, named:/v]\n" +
			"    command: redis-server --requirepass \"${PW}\"\n    healthcheck: {test: redis-cli ping}\n" +
			"secrets:\n  s: {file: ./s.txt}\n",
	})
	sc := compose.New()
	var why error
	compose.Observe(sc, func(_ string, w error) { why = w })
	doc := parseUsing(t, sc, confine.NewReader(confine.Options{}), dir, "compose.yaml")
	if why != nil {
		t.Fatalf("the loader had to answer: %v", why)
	}
	want := parseUsing(t, compose.NewWithOptions(compose.Options{Strict: true}), confine.NewReader(confine.Options{}), dir, "compose.yaml")
	same(t, "compose.yaml", "data", doc.Data, want.Data)
	same(t, "compose.yaml", "spans", doc.Spans, want.Spans)
	same(t, "compose.yaml", "binds", doc.Binds, want.Binds)
	same(t, "compose.yaml", "secrets", doc.Secrets, want.Secrets)
	same(t, "compose.yaml", "secret files", doc.SecretFiles, want.SecretFiles)
}
