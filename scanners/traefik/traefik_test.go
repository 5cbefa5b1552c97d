package traefik_test

import (
	"testing"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/traefik"
)

func TestKeysAreCaseInsensitive(t *testing.T) {
	doc, err := traefik.New().Parse("traefik.yml", []byte("entryPoints:\n  Web:\n    address: \":80\"\napi:\n  insecure: true\nx: .nan\n"))
	if err != nil {
		t.Fatal(err)
	}
	d := doc.Data.(map[string]any)
	if d["entrypoints"].(map[string]any)["web"].(map[string]any)["address"] != ":80" || d["api"].(map[string]any)["insecure"] != true {
		t.Errorf("data = %v", d)
	}
	if sp := doc.Spans[scanners.PathKey("api", "insecure")]; sp.Key.Start.Line != 5 {
		t.Errorf("span = %+v", sp)
	}
}

func TestKindDetection(t *testing.T) {
	s := traefik.New()
	if s.Match("openc3-traefik/traefik-ssl.yaml") != scanners.Match || s.Match("static.yml") != scanners.MaybeMatch || s.Match("traefik.toml") != scanners.NoMatch {
		t.Error("Match")
	}
	if !s.Sniff([]byte("entryPoints:\n  web:\n    address: :80\nproviders:\n  docker: {}\n")) {
		t.Error("Sniff refuses a static configuration")
	}
	if s.Sniff([]byte("services:\n  web:\n    image: traefik\n")) {
		t.Error("Sniff accepts a compose file")
	}
}
