package compose_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/internal/fuzzcheck"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/compose"
	"github.com/deploylint/deploylint/scanners/confine"
)

// FuzzCompose parses a compose file and the project's .env through ParseFile, as the pipeline
// does, with a fresh temporary directory as the scan root holding only those two files: the
// scanner must read nothing outside it.
func FuzzCompose(f *testing.F) {
	addSeeds(f, "A=1\nP=8080\nIMG=redis\n",
		"services:\n  a:\n    image: ${IMG:?set IMG}\n    ports: [\"${P}:80\", \"${Q:-1}-${R:-2}:80-81/udp\"]\n    privileged: ${P}\n",
		"services:\n  a:\n    image: x\n    environment:\n      - A=${A}\n      - B\n      - =x\n      - ${A}=1\n    env_file: [.env, {path: .env, required: false}]\n",
		"services:\n  a:\n    image: x\n    extends: {service: a, file: 1}\n",
		"services:\n  a:\n    extends: {service: b, file: compose.yaml}\n  b:\n    extends: {service: a, file: compose.yaml}\n",
		"services:\n  a:\n    image: x\n    volumes: ['./users.acl:/etc/redis/users.acl:ro', '/:/host', '../x:/y']\nsecrets:\n  s: {file: ../../s}\n",
		"services:\n  a:\n    command: [redis-server, \"--requirepass\", \"${PW}\"]\n    ports: [\"8000-8100:8000-8100\"]\n",
		"services: []\n",
		"services:\n  \"\": {}\n",
		"services:\n  a: null\n",
	)
	sc := compose.New()
	f.Fuzz(func(t *testing.T, src, env []byte) {
		if len(src) > fuzzcheck.MaxInput || len(env) > fuzzcheck.MaxInput {
			return
		}
		target := fuzzProject(t, src, env)
		maxLine := fuzzcheck.YAMLLines(src) + 1
		doc, err := sc.ParseFile(target, src, confine.NewReader(confine.Options{}))
		again, errAgain := sc.ParseFile(target, src, confine.NewReader(confine.Options{}))
		// Only the outcome is compared, not the message: compose-go's schema check walks the
		// document's maps, so with two faults it names either one (and lists unknown keys in
		// either order).
		if (err == nil) != (errAgain == nil) {
			t.Fatalf("one parse failed, the other did not: %v / %v", err, errAgain)
		}
		if err != nil {
			fuzzcheck.Error(t, err, maxLine)
			return
		}
		if !fuzzcheck.Same(doc.Data, again.Data) || !fuzzcheck.Same(doc.Spans, again.Spans) ||
			!fuzzcheck.Same(doc.Binds, again.Binds) || !fuzzcheck.Same(doc.SecretFiles, again.SecretFiles) {
			t.Fatalf("two parses of the same bytes differ:\n%#v\n%#v", doc.Data, again.Data)
		}
		// A value interpolated from .env carries the .env span: bound it by that file.
		envLines := fuzzcheck.Lines(env) + 1
		own := scanners.Spans{}
		for k, sp := range doc.Spans {
			switch sp.Path {
			case "":
				own[k] = sp
			case ".env":
				fuzzcheck.Range(t, "key range of "+k, sp.Key, envLines)
				fuzzcheck.Range(t, "value range of "+k, sp.Value, envLines)
			default:
				t.Fatalf("span %s points into %q, a file that is not part of the project", k, sp.Path)
			}
		}
		fuzzcheck.Spans(t, own, maxLine)
		for _, rel := range doc.Binds {
			if rel == ".." || strings.HasPrefix(rel, "../") || filepath.IsAbs(rel) {
				t.Fatalf("bind source %q lies outside the scan root", rel)
			}
		}
	})
}

// FuzzPartsMatchLoader loads a compose file and its .env from compose-go's parts and through
// compose-go's full loader (strict mode). Where the parts path answers and the loader accepts
// the file, the two documents must be the same. Where the loader refuses a file the parts path
// answered for, the fault lies in an attribute no rule reads (the parts path does not judge
// those; strict mode does): allowed.
func FuzzPartsMatchLoader(f *testing.F) {
	addSeeds(f, "A=1\nP=8080\nPW=s3cret-Value\n",
		"services:\n  a:\n    image: redis:${TAG:-7}\n    ports: [\"${P}:6379\", 80, {target: \"81\", published: 8081}]\n    read_only: ${RO:-true}\n",
		"services:\n  a:\n    image: x\n    environment: [A, B=2, C=${A}]\n    env_file: [a.env, {path: b.env, required: false}]\n",
		"services:\n  a:\n    image: x\n    volumes: ['./acl:/etc/acl:ro', {type: bind, source: ~/x, target: /y, read_only: 'yes'}, v:/v]\nsecrets:\n  s: {file: ./s}\n",
		"services:\n  a:\n    image: x\n    command: 'redis-server --requirepass \"${PW:-changeme}\"'\n    healthcheck: {test: [CMD, redis-cli, -a, $$PW, ping]}\n",
		"services:\n  a:\n    image: x\n    expose: [1, '2']\n    network_mode: ${NM}\n    platform: ${PLATFORM:-}\n",
	)
	parts := compose.New()
	var why error
	compose.Observe(parts, func(_ string, w error) { why = w })
	full := compose.NewWithOptions(compose.Options{Strict: true})
	f.Fuzz(func(t *testing.T, src, env []byte) {
		if len(src) > fuzzcheck.MaxInput || len(env) > fuzzcheck.MaxInput {
			return
		}
		target := fuzzProject(t, src, env)
		why = errors.New("not loaded")
		got, gotErr := parts.ParseFile(target, src, confine.NewReader(confine.Options{}))
		if why != nil {
			return // the loader answered: the same code as strict mode
		}
		want, wantErr := full.ParseFile(target, src, confine.NewReader(confine.Options{}))
		if gotErr != nil {
			t.Fatalf("the parts path answered, then the file failed: %v", gotErr)
		}
		if wantErr != nil {
			return
		}
		for _, c := range []struct {
			what      string
			got, want any
		}{
			{"data", got.Data, want.Data},
			{"spans", got.Spans, want.Spans},
			{"binds", got.Binds, want.Binds},
			{"secret files", got.SecretFiles, want.SecretFiles},
			{"secrets", got.Secrets, want.Secrets},
			{"skipped", got.Skipped, want.Skipped},
		} {
			if !fuzzcheck.Same(c.got, c.want) {
				t.Fatalf("%s differ:\nparts  %#v\nloader %#v", c.what, c.got, c.want)
			}
		}
	})
}

// addFixtureSeeds adds every compose fixture, with its folder's .env and without, as seeds.
func addFixtureSeeds(f *testing.F) {
	f.Helper()
	isCompose := func(p string) bool { return compose.New().Match(filepath.Base(p)) == scanners.Match }
	seeds := 0
	err := filepath.WalkDir("../../fixtures", func(p string, d fs.DirEntry, err error) error {
		// Symbolic links are left out: a fixture may point outside the repository on purpose.
		if err != nil || !d.Type().IsRegular() || !isCompose(p) {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		var env []byte
		envPath := filepath.Join(filepath.Dir(p), ".env")
		if st, err := os.Lstat(envPath); err == nil && st.Mode().IsRegular() {
			if env, err = os.ReadFile(envPath); err != nil {
				return err
			}
		}
		f.Add(src, env)
		f.Add(src, []byte(nil))
		seeds++
		return nil
	})
	if err != nil || seeds == 0 {
		f.Fatalf("no compose fixtures to seed from (%v)", err)
	}
}

// addSeeds adds the compose fixtures, the hostile YAML every YAML format is fuzzed with and
// inputs, the last two with env as the project's .env.
func addSeeds(f *testing.F, env string, inputs ...string) {
	f.Helper()
	addFixtureSeeds(f)
	for _, s := range append(fuzzcheck.YAMLSeeds(), inputs...) {
		f.Add([]byte(s), []byte(env))
	}
}

// fuzzProject writes src as compose.yaml and env (when not empty) as .env into a fresh
// folder, the scan root, and returns the compose file's target.
func fuzzProject(t *testing.T, src, env []byte) scanners.Target {
	t.Helper()
	root := t.TempDir()
	path := filepath.Join(root, "compose.yaml")
	if err := os.WriteFile(path, src, 0o600); err != nil {
		t.Fatal(err)
	}
	if len(env) > 0 {
		if err := os.WriteFile(filepath.Join(root, ".env"), env, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return scanners.Target{Path: path, Rel: "compose.yaml", Root: root, Kind: "compose"}
}
