package compose_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/compose"
	"github.com/deploylint/deploylint/scanners/confine"
	"github.com/deploylint/deploylint/secret"
)

// TestSecretsMarked: every secret shape of a compose file is marked where it is written, in
// the file itself, its override and its .env; values that arrive by interpolation or from an
// env_file are known by value.
func TestSecretsMarked(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{
		"compose.yaml": "services:\n" + // 1
			"  api:\n" + // 2
			"    image: example/api\n" + // 3
			"    environment:\n" + // 4
			"      API_TOKEN: Zx7map\n" + // 5
			"      DB_URL: postgres://app:Zx7/url@db/app\n" + // 6
			"      FROM_ENV: ${DOTENV_PASSWORD}\n" + // 7
			"      INTERPOLATED_PASSWORD: ${DOTENV_PASSWORD}\n" + // 8
			"    env_file: [api.env]\n" + // 9
			"    labels:\n" + // 10
			"      - \"traefik.http.middlewares.a.basicauth.users=admin:$$apr1$$Zx7salt$$Zx7hash\"\n" + // 11
			"  cache:\n" + // 12
			"    image: redis:7\n" + // 13
			"    command: redis-server --requirepass Zx7string\n" + // 14
			"    environment:\n" + // 15
			"      - REDIS_PASSWORD=Zx7list\n" + // 16
			"      - REDIS_USER=cache\n" + // 17
			"      - REDIS_PASS=cache\n" + // 18: the service's own name
			"    healthcheck:\n" + // 19
			"      test: [\"CMD\", \"redis-cli\", \"-a\", \"Zx7health\", \"ping\"]\n", // 20
		"compose.override.yaml": "services:\n  cache:\n    entrypoint: [\"redis-server\", \"--masterauth\", \"Zx7override\"]\n",
		".env":                  "DOTENV_PASSWORD=Zx7dotenv\n",
		"api.env":               "ENVFILE_SECRET=Zx7envfile\n",
	})
	doc := parseFile(t, root, "compose.yaml")
	type pos struct {
		path           string
		line, col, end int
	}
	want := map[string]pos{
		"Zx7map":                {"", 5, 18, 24},
		"Zx7/url":               {"", 6, 30, 37},
		"Zx7list":               {"", 16, 24, 31},
		"Zx7string":             {"", 14, 41, 50},
		"Zx7health":             {"", 20, 41, 50},
		"Zx7override":           {"compose.override.yaml", 3, 51, 62},
		"Zx7dotenv":             {".env", 1, 17, 26},
		"Zx7envfile":            {"", 0, 0, 0}, // from the env_file: by value
		"cache":                 {"", 18, 20, 25},
		"$apr1$Zx7salt$Zx7hash": {"", 11, 59, 83}, // as compose unescapes it
	}
	got := map[string]secret.Span{}
	for _, sp := range doc.Secrets {
		if _, ok := got[sp.Value]; !ok || sp.Line > 0 {
			got[sp.Value] = sp
		}
	}
	for v, w := range want {
		sp, ok := got[v]
		switch {
		case !ok:
			t.Errorf("%q is not marked", v)
		case sp.Path != w.path || sp.Line != w.line || sp.Column != w.col || sp.EndColumn != w.end:
			t.Errorf("%q marked at %s:%d:%d-%d, want %s:%d:%d-%d", v, sp.Path, sp.Line, sp.Column, sp.EndColumn, w.path, w.line, w.col, w.end)
		}
	}
	if !got["cache"].Public {
		t.Error("a password equal to its service's name must be public: messages name the service")
	}
	if got["Zx7map"].Public {
		t.Error("Zx7map is no name")
	}
	for _, v := range []string{"${DOTENV_PASSWORD}", "DOTENV_PASSWORD", "redis-cli", "example/api"} {
		if _, ok := got[v]; ok {
			t.Errorf("%q is marked as a secret", v)
		}
	}
}

// TestLoadErrorsNameNoValueNorMachinePath: compose-go's errors quote values and absolute
// paths; the finding keeps neither.
func TestLoadErrorsNameNoValueNorMachinePath(t *testing.T) {
	for name, tc := range map[string]struct {
		compose, env string
		want         string
	}{
		"machine path": {
			compose: "services:\n  api:\n    image: example/api\n    extends: {file: missing.yaml, service: base}\n",
			want:    "open app/missing.yaml: no such file or directory",
		},
		"interpolated value": {
			compose: "services:\n  api:\n    image: example/api\n    ports: [\"${PORT}:80\"]\n",
			env:     "PORT=Zx7notaport\n",
			want:    secret.Mask,
		},
		"literal value": {
			compose: "services:\n  api:\n    image: example/api\n    environment:\n      API_TOKEN: Zx7literal\n" +
				"    ports: [\"Zx7literal:80\"]\n",
			want: secret.Mask,
		},
	} {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			files := map[string]string{"app/compose.yaml": tc.compose}
			if tc.env != "" {
				files["app/.env"] = tc.env
			}
			write(t, root, files)
			p := filepath.Join(root, "app", "compose.yaml")
			_, err := compose.New().ParseFile(scanners.Target{Path: p, Rel: "app/compose.yaml", Root: root, Kind: "compose"}, []byte(tc.compose), confine.NewReader(confine.Options{}))
			var pe *scanners.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("want a parse error, got %v", err)
			}
			for _, bad := range []string{root, "Zx7"} {
				if strings.Contains(pe.Msg, bad) {
					t.Errorf("the error shows %q: %s", bad, pe.Msg)
				}
			}
			if !strings.Contains(pe.Msg, tc.want) {
				t.Errorf("the error lacks %q: %s", tc.want, pe.Msg)
			}
		})
	}
}
