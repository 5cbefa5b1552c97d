package builtin_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/builtin"
)

// TestKindDetection: each file lands in exactly the kind a user expects, and YAML that is
// not a configuration deploylint knows (Kubernetes, GitHub workflows, Helm values) in none.
func TestKindDetection(t *testing.T) {
	files := map[string]struct{ content, kind string }{
		".env":                        {"A_PASSWORD=x\n", "dotenv"},
		"openc3-redis/users.acl":      {"user default off\n", "redis-acl"},
		"redis/redis.conf":            {"bind 127.0.0.1\nport 6379\n", "redis-conf"},
		"compose.yaml":                {"services:\n  a:\n    image: x\n", "compose"},
		"deploy/stack.yml":            {"services:\n  a:\n    image: x\n", "compose"},
		"openc3-traefik/traefik.yaml": {"entrypoints:\n  web:\n    address: :80\n", "traefik"},
		"edge/static.yml":             {"entryPoints:\n  web:\n    address: :80\nproviders:\n  docker: {}\n", "traefik"},
		"nginx/nginx.conf":            {"events {}\nhttp {\n}\n", "nginx"},
		"nginx/conf.d/site.conf":      {"server {\n  listen 80;\n}\n", "nginx"},
		"genconf/config.yaml":         {"bootstrap_url: http://b\nmaster_discovery: static\n", "dcos-config"},
		"installer/dcos.yaml":         {"bootstrap_url: http://b\nmaster_discovery: static\n", "dcos-config"},
		"configs/api/prod.yaml":       {"server:\n  tls:\n    enabled: true\n", "fetchml-api"},
		"k8s/deployment.yaml":         {"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  template:\n    spec:\n      containers: []\n", ""},
		".github/workflows/ci.yml":    {"on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps: []\n", ""},
		"chart/values.yaml":           {"image:\n  repository: redis\nservice:\n  port: 6379\nauth:\n  password: changeme\n", ""},
		"README.md":                   {"# readme\n", ""},
	}
	root := t.TempDir()
	for rel, f := range files {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(f.content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	ts, _, err := scanners.Discover([]string{root}, builtin.Registry(), scanners.DiscoverOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, tg := range ts {
		got[tg.Rel] = tg.Kind
	}
	for rel, f := range files {
		if got[rel] != f.kind {
			t.Errorf("%s: kind %q, want %q", rel, got[rel], f.kind)
		}
	}
}
