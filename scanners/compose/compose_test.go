package compose_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/types"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/compose"
	"github.com/deploylint/deploylint/scanners/confine"
	"github.com/deploylint/deploylint/scanners/dotenv"
)

func parseFile(t *testing.T, root, rel string) *scanners.Document {
	t.Helper()
	return parseWith(t, confine.NewReader(confine.Options{}), root, rel)
}

func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

func TestEnvInterpolationKeepsTheEnvSpan(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		".env": "A=1\nPG_AUTH=trust\nPORT=15432\n",
		"compose.yaml": "services:\n  db:\n    image: postgres:16\n    environment:\n      - POSTGRES_HOST_AUTH_METHOD=${PG_AUTH}\n      - LITERAL=x\n" +
			"    ports:\n      - \"${PORT}:5432\"\n      - \"8000-8001:80-81\"\n      - \"127.0.0.1:9000:9000\"\n",
	})
	doc := parseFile(t, dir, "compose.yaml")
	db := doc.Data.(map[string]any)["services"].(map[string]any)["db"].(map[string]any)
	if db["environment"].(map[string]any)["POSTGRES_HOST_AUTH_METHOD"] != "trust" {
		t.Errorf("environment = %v", db["environment"])
	}
	sp := doc.Spans[scanners.PathKey("services", "db", "environment", "POSTGRES_HOST_AUTH_METHOD")]
	if sp.Path != ".env" || sp.Value.Start.Line != 2 {
		t.Errorf("interpolated value span = %+v, want .env line 2", sp)
	}
	if sp := doc.Spans[scanners.PathKey("services", "db", "environment", "LITERAL")]; sp.Path != "" || sp.Key.Start.Line != 6 {
		t.Errorf("literal span = %+v", sp)
	}
	ports := db["ports"].([]any)
	if len(ports) != 4 || ports[0].(map[string]any)["published"] != "15432" {
		t.Fatalf("ports = %v", ports)
	}
	// The range entry yields two ports, both located on line 9; the loopback one on line 10.
	for i, line := range []int{8, 9, 9, 10} {
		if sp := doc.Spans[scanners.PathKey("services", "db", "ports", i)]; sp.Key.Start.Line != line {
			t.Errorf("port %d at line %d, want %d", i, sp.Key.Start.Line, line)
		}
	}
}

func TestUnsetVariablesAreAuditedNotFatal(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"compose.yaml": "services:\n  app:\n    image: app\n    read_only: ${RO}\n    ports:\n      - ${HTTP_PORT}:80\n"})
	doc := parseFile(t, dir, "compose.yaml")
	data := doc.Data.(map[string]any)
	if fmt.Sprint(data["unset_variables"]) != "[HTTP_PORT RO]" {
		t.Errorf("unset = %v", data["unset_variables"])
	}
	p := data["services"].(map[string]any)["app"].(map[string]any)["ports"].([]any)[0].(map[string]any)
	if p["unset_variable"] != true {
		t.Errorf("port = %v", p)
	}
}

func TestNothingOutsideTheRootIsRead(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	write(t, outside, map[string]string{"secret.env": "LEAK=outside-value\n"})
	rel, err := filepath.Rel(root, filepath.Join(outside, "secret.env"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, root, map[string]string{"compose.yaml": "services:\n  app:\n    image: app\n    env_file: " + rel + "\n"})
	doc := parseFile(t, root, "compose.yaml")
	if strings.Contains(fmt.Sprint(doc.Data), "outside-value") {
		t.Error("an env_file outside the scan root was read")
	}
}

// TestNoWayOutOfTheRoot: paths the raw file does not show (interpolated, absolute, in
// pre_start hooks, label_file, an extended file's own extends) must not make the scanner read
// outside the scan root either.
func TestNoWayOutOfTheRoot(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret.env")
	// Not a valid env file: reading it makes the first load fail, which shows as the
	// fallback's unset_variables even where the values themselves never reach the data.
	write(t, outside, map[string]string{
		"secret.env":   "LEAK=outside-value\nnot valid\n",
		"outside.yaml": "services:\n  base:\n    image: outside-image\n",
	})
	for _, tc := range []struct {
		name  string
		files map[string]string
	}{
		{"env_file from a variable", map[string]string{
			".env":         "F=" + secret + "\n",
			"compose.yaml": "services:\n  app:\n    image: app\n    env_file: ${F}\n    ports: [\"${P}:80\"]\n",
		}},
		{"absolute env_file", map[string]string{
			"compose.yaml": "services:\n  app:\n    image: app\n    env_file: " + secret + "\n    ports: [\"${P}:80\"]\n",
		}},
		{"pre_start env_file", map[string]string{
			"compose.yaml": "services:\n  app:\n    image: app\n    ports: [\"${P}:80\"]\n    pre_start:\n      - command: x\n        env_file: " + secret + "\n",
		}},
		{"label_file", map[string]string{
			"compose.yaml": "services:\n  app:\n    image: app\n    label_file: " + secret + "\n    ports: [\"${P}:80\"]\n",
		}},
		{"extends file from a variable", map[string]string{
			".env":         "F=" + filepath.Join(outside, "outside.yaml") + "\n",
			"compose.yaml": "services:\n  app:\n    extends:\n      file: ${F}\n      service: base\n",
		}},
		{"absolute extends file", map[string]string{
			"compose.yaml": "services:\n  app:\n    extends:\n      file: " + filepath.Join(outside, "outside.yaml") + "\n      service: base\n",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			write(t, root, tc.files)
			doc := parseFile(t, root, "compose.yaml")
			if data := fmt.Sprint(doc.Data); strings.Contains(data, "outside-") {
				t.Errorf("a file outside the scan root was read: %s", data)
			}
			if u := doc.Data.(map[string]any)["unset_variables"].([]any); len(u) != 0 {
				t.Errorf("a file outside the scan root was read (the first load failed on it): unset = %v", u)
			}
		})
	}

	t.Run("an extended file's own extends", func(t *testing.T) {
		root := t.TempDir()
		write(t, root, map[string]string{
			"base.yaml":    "services:\n  mid:\n    extends:\n      file: " + filepath.Join(outside, "outside.yaml") + "\n      service: base\n",
			"compose.yaml": "services:\n  app:\n    extends:\n      file: base.yaml\n      service: mid\n",
		})
		p := filepath.Join(root, "compose.yaml")
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := compose.New().ParseFile(scanners.Target{Path: p, Rel: "compose.yaml", Root: root, Kind: "compose"}, src, confine.NewReader(confine.Options{}))
		if err == nil && strings.Contains(fmt.Sprint(doc.Data), "outside-") {
			t.Errorf("a file outside the scan root was read: %v", doc.Data)
		}
	})
}

// TestExtendsFileNotAString: compose-go panicked on `file: 1` (found by FuzzCompose); the
// file is refused with a parse error instead, also when an extended file says it.
func TestExtendsFileNotAString(t *testing.T) {
	for name, files := range map[string]map[string]string{
		"own": {"compose.yaml": "services:\n  a:\n    image: x\n    extends: {service: a, file: 1}\n"},
		"extended": {
			"base.yaml":    "services:\n  b:\n    image: x\n    extends: {service: c, file: 1}\n",
			"compose.yaml": "services:\n  a:\n    extends: {service: b, file: base.yaml}\n",
		},
	} {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			write(t, root, files)
			p := filepath.Join(root, "compose.yaml")
			_, err := compose.New().ParseFile(scanners.Target{Path: p, Rel: "compose.yaml", Root: root, Kind: "compose"}, []byte(files["compose.yaml"]), confine.NewReader(confine.Options{}))
			var pe *scanners.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("err = %v, want a *scanners.ParseError", err)
			}
		})
	}
}

// TestInterpolationIsBounded: compose-go rescans the rest of a string for each ${…} (minutes
// for a few thousand) and copies a variable as often as it is used (gigabytes from one long
// .env value); such a file is refused at the offending value instead.
func TestInterpolationIsBounded(t *testing.T) {
	for name, files := range map[string]map[string]string{
		"many substitutions": {
			"compose.yaml": "services:\n  a:\n    image: x\n    command: \"" + strings.Repeat("${A:-x}", 33) + "\"\n",
		},
		"a long value used often": {
			".env":         "A=" + strings.Repeat("x", 2<<20) + "\n",
			"compose.yaml": "services:\n  a:\n    image: x\n    command: \"" + strings.Repeat("$A", 9) + "\"\n",
		},
	} {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			write(t, root, files)
			p := filepath.Join(root, "compose.yaml")
			_, err := compose.New().ParseFile(scanners.Target{Path: p, Rel: "compose.yaml", Root: root, Kind: "compose"}, []byte(files["compose.yaml"]), confine.NewReader(confine.Options{}))
			var pe *scanners.ParseError
			if !errors.As(err, &pe) || pe.Line != 4 || !strings.Contains(pe.Msg, "substitutions exceed") {
				t.Fatalf("got %v, want a parse error on line 4", err)
			}
		})
	}
}

// TestPublishedPortsMatchCompose loads every compose file of the fixtures and the corpus with
// compose-go's own loader and checks deploylint reports the same published ports.
func TestPublishedPortsMatchCompose(t *testing.T) {
	var files []string
	for _, root := range []string{"../../fixtures", "../../../shared/corpus"} {
		_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() && compose.New().Match(d.Name()) == scanners.Match {
				files = append(files, p)
			}
			return nil
		})
	}
	if len(files) < 10 {
		t.Fatalf("only %d compose files", len(files))
	}
	checked := 0
	for _, f := range files {
		dir := filepath.Dir(f)
		env := types.Mapping{}
		if b, err := os.ReadFile(filepath.Join(dir, ".env")); err == nil {
			if d, err := dotenv.New().Parse(".env", b); err == nil {
				for k, v := range d.Env {
					env[k] = v.Value
				}
			}
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		abs, _ := filepath.Abs(f)
		configs := []types.ConfigFile{{Filename: abs, Content: src}}
		base := filepath.Base(f)
		if strings.Contains(base, ".override.") {
			continue // merged into its base file, compared there
		}
		if base == "compose.yaml" || base == "compose.yml" || base == "docker-compose.yml" || base == "docker-compose.yaml" {
			for _, o := range []string{"compose.override.yml", "compose.override.yaml", "docker-compose.override.yml", "docker-compose.override.yaml"} {
				if b, err := os.ReadFile(filepath.Join(dir, o)); err == nil {
					configs = append(configs, types.ConfigFile{Filename: filepath.Join(filepath.Dir(abs), o), Content: b})
					break
				}
			}
		}
		want, err := loader.LoadWithContext(context.Background(), types.ConfigDetails{
			WorkingDir: filepath.Dir(abs), ConfigFiles: configs, Environment: env,
		}, func(o *loader.Options) {
			o.SetProjectName("x", true)
			o.Profiles = []string{"*"}
			o.SkipInclude = true
			o.SkipResolveEnvironment = true
			o.SkipConsistencyCheck = true
		})
		if err != nil {
			continue // compose itself needs a .env this repository does not ship
		}
		got := parseFile(t, filepath.Dir(f), filepath.Base(f))
		for name, svc := range want.Services {
			var w, g []string
			for _, p := range svc.Ports {
				w = append(w, fmt.Sprintf("%s|%s|%d|%s", p.HostIP, p.Published, p.Target, p.Protocol))
			}
			for _, p := range got.Data.(map[string]any)["services"].(map[string]any)[name].(map[string]any)["ports"].([]any) {
				m := p.(map[string]any)
				g = append(g, fmt.Sprintf("%s|%s|%d|%s", m["host_ip"], m["published"], m["target"], m["protocol"]))
			}
			sort.Strings(w)
			sort.Strings(g)
			if strings.Join(w, ",") != strings.Join(g, ",") {
				t.Errorf("%s service %s: compose %v, deploylint %v", f, name, w, g)
			}
		}
		checked++
	}
	if checked < 10 {
		t.Errorf("only %d files compared", checked)
	}
}

// TestOverrideFileIsMerged: compose.override.yaml is merged over compose.yaml as docker
// compose does; findings land in the file that wrote the value, once.
func TestOverrideFileIsMerged(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"compose.yaml":          "services:\n  redis:\n    image: redis:7\n    environment:\n      - A=base\n      - B=base\n    ports:\n      - \"127.0.0.1:6379:6379\"\n",
		"compose.override.yaml": "services:\n  redis:\n    environment:\n      B: override\n    ports:\n      - \"6380:6379\"\n",
	})
	doc := parseFile(t, dir, "compose.yaml")
	redis := doc.Data.(map[string]any)["services"].(map[string]any)["redis"].(map[string]any)
	env := redis["environment"].(map[string]any)
	if env["A"] != "base" || env["B"] != "override" {
		t.Errorf("environment = %v", env)
	}
	if sp := doc.Spans[scanners.PathKey("services", "redis", "environment", "B")]; sp.Path != "compose.override.yaml" || sp.Key.Start.Line != 4 {
		t.Errorf("B span = %+v, want compose.override.yaml:4", sp)
	}
	ports := redis["ports"].([]any)
	if len(ports) != 2 {
		t.Fatalf("ports = %v", ports)
	}
	for i, p := range ports {
		sp := doc.Spans[scanners.PathKey("services", "redis", "ports", i)]
		if p.(map[string]any)["published"] == "6380" && (sp.Path != "compose.override.yaml" || sp.Key.Start.Line != 6) {
			t.Errorf("override port span = %+v", sp)
		}
	}
	over := parseFile(t, dir, "compose.override.yaml")
	if len(over.Data.(map[string]any)["services"].(map[string]any)) != 0 {
		t.Error("the override file must not be audited a second time on its own")
	}
}

// TestLoadingCases: what docker compose does with extends, env_file, profiles and the
// interpolation forms, deploylint sees the same.
func TestLoadingCases(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		check func(t *testing.T, svcs map[string]any)
	}{
		{"extends a file inside the root", map[string]string{
			"base.yaml":    "services:\n  redis:\n    image: redis:7\n    ports:\n      - \"6379:6379\"\n",
			"compose.yaml": "services:\n  cache:\n    extends:\n      file: base.yaml\n      service: redis\n",
		}, func(t *testing.T, svcs map[string]any) {
			c := svcs["cache"].(map[string]any)
			if c["image"] != "redis:7" || len(c["ports"].([]any)) != 1 {
				t.Errorf("extended service = %v", c)
			}
		}},
		{"env_file inside the root", map[string]string{
			"app.env":      "API_TOKEN=changeme\n",
			"compose.yaml": "services:\n  app:\n    image: app\n    env_file: app.env\n",
		}, func(t *testing.T, svcs map[string]any) {
			a := svcs["app"].(map[string]any)
			if a["environment"].(map[string]any)["API_TOKEN"] != "changeme" || a["environment_origin"].(map[string]any)["API_TOKEN"] != "env_file" {
				t.Errorf("env_file service = %v", a)
			}
		}},
		{"every profile is audited", map[string]string{
			"compose.yaml": "services:\n  debug:\n    image: redis\n    profiles: [debug]\n",
		}, func(t *testing.T, svcs map[string]any) {
			if _, ok := svcs["debug"]; !ok {
				t.Error("a service in a profile was dropped")
			}
		}},
		{"interpolation forms", map[string]string{
			".env": "SET=v\nEMPTY=\n",
			"compose.yaml": "services:\n  s:\n    image: x\n    environment:\n      A: ${UNSET:-fallback}\n      B: ${EMPTY:-fallback}\n      C: ${EMPTY-keep}\n" +
				"      D: ${SET:?required}\n      E: ${SET?required}\n      F: $$literal\n",
		}, func(t *testing.T, svcs map[string]any) {
			env := svcs["s"].(map[string]any)["environment"].(map[string]any)
			want := map[string]any{"A": "fallback", "B": "fallback", "C": "", "D": "v", "E": "v", "F": "$literal"}
			if fmt.Sprint(env) != fmt.Sprint(want) {
				t.Errorf("environment = %v, want %v", env, want)
			}
			o := svcs["s"].(map[string]any)["environment_origin"].(map[string]any)
			if o["A"] != "default" || o["D"] != "dotenv" || o["F"] != "literal" {
				t.Errorf("origins = %v", o)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, tc.files)
			doc := parseFile(t, dir, "compose.yaml")
			tc.check(t, doc.Data.(map[string]any)["services"].(map[string]any))
		})
	}
}

// TestExtendsFIFOIsNotFollowed: an extends file that is a FIFO, directly or further down the
// chain, would block compose-go's read forever; extends is then not followed and the rest of
// the file is still judged.
func TestExtendsFIFOIsNotFollowed(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{
		"direct/compose.yml": "services:\n  web:\n    image: nginx\n    extends:\n      file: base.yml\n      service: web\n",
		"chain/compose.yml":  "services:\n  web:\n    image: nginx\n    extends:\n      file: sub/base.yml\n      service: web\n",
		"chain/sub/base.yml": "services:\n  web:\n    extends:\n      file: more.yml\n      service: web\n",
	})
	for _, fifo := range []string{"direct/base.yml", "chain/sub/more.yml"} {
		if err := syscall.Mkfifo(filepath.Join(root, filepath.FromSlash(fifo)), 0o644); err != nil {
			t.Skipf("cannot make a FIFO here: %v", err)
		}
	}
	for _, dir := range []string{"direct", "chain"} {
		p := filepath.Join(root, dir, "compose.yml")
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() {
			_, err := compose.New().ParseFile(scanners.Target{Path: p, Rel: dir + "/compose.yml", Root: root, Kind: "compose"}, src, confine.NewReader(confine.Options{}))
			done <- err
		}()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("%s: %v", dir, err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: loading blocked on a FIFO extends file", dir)
		}
	}
}
