// Package traefik parses Traefik static (and file-provider dynamic) configuration in YAML.
//
// Data shape (the `input.data` of rules of kind "traefik"): the YAML document itself, with
// every mapping key lower-cased, because Traefik matches option names case-insensitively
// (COSMOS writes `entrypoints`, the documentation `entryPoints`):
//
//	{
//	  "entrypoints": {"web": {"address": ":2900", "http": {"redirections": {…}, "tls": {…}}}},
//	  "api": {"insecure": true},
//	  "http": {"routers": {"r": {"rule": "…", "tls": {}}}},
//	  "certificatesresolvers": {…}
//	}
//
// Spans follow the same lower-cased paths, pointing at the original text.
package traefik

import (
	"regexp"
	"strings"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/yamldoc"
	"github.com/deploylint/deploylint/secret"
)

// Scanner reads Traefik YAML configuration.
type Scanner struct{}

// New returns the traefik scanner.
func New() *Scanner { return &Scanner{} }

// Kind is "traefik".
func (*Scanner) Kind() string { return "traefik" }

// Match claims traefik*.yml / traefik*.yaml by name; other YAML files if their content says so.
func (*Scanner) Match(rel string) scanners.NameMatch {
	base := strings.ToLower(scanners.Base(rel))
	isYAML := strings.HasSuffix(base, ".yml") || strings.HasSuffix(base, ".yaml")
	switch {
	case isYAML && strings.HasPrefix(base, "traefik"):
		return scanners.Match
	case isYAML:
		return scanners.MaybeMatch
	}
	return scanners.NoMatch
}

var (
	entryPointsKey = regexp.MustCompile(`(?im)^entrypoints:\s*$`)
	companionKey   = regexp.MustCompile(`(?im)^(providers|api):`)
)

// Sniff accepts YAML with top-level entryPoints and providers or api.
func (*Scanner) Sniff(head []byte) bool {
	return entryPointsKey.Match(head) && companionKey.Match(head)
}

// Parse reads the first YAML document.
func (*Scanner) Parse(path string, src []byte) (*scanners.Document, error) {
	data, spans, err := yamldoc.Decode(path, src, yamldoc.Options{LowerKeys: true})
	if err != nil {
		return nil, err
	}
	if _, ok := data.(map[string]any); !ok {
		data = map[string]any{}
	}
	return &scanners.Document{Kind: "traefik", Path: path, Data: data, Spans: spans, Secrets: yamldoc.Secrets(src, data, spans, authUsers)}, nil
}

// authUsers marks the password hash of every user of a basicAuth or digestAuth middleware
// ("user:$apr1$…", "user:realm:hash"); the user name stays readable.
func authUsers(path []any, v string) []secret.Found {
	n := len(path)
	if n < 3 || path[n-2] != "users" || (path[n-3] != "basicauth" && path[n-3] != "digestauth") {
		return nil
	}
	if _, ok := path[n-1].(int); !ok {
		return nil
	}
	if f, ok := secret.HtpasswdHash(v); ok {
		return []secret.Found{f}
	}
	return nil
}
