// Package installyaml reads installer and service configuration written in YAML, one scanner
// per kind: DC/OS `genconf/config.yaml` (kind "dcos-config") and FetchML API server configs
// `configs/api/*.yaml` (kind "fetchml-api"). The kind comes from the path, from a content
// signature, or from the user (--kind). Data is the YAML document itself (anchors, aliases and
// merge keys resolved, positions kept); for DC/OS, values are kept as written, so rules can tell
// the documented string booleans ('true') from YAML booleans (true). A multi-document file gives
// one document per YAML document.
package installyaml

import (
	"path"
	"regexp"
	"strings"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/yamldoc"
	"github.com/deploylint/deploylint/secret"
)

// Scanner reads one installer YAML kind.
type Scanner struct {
	kind   string
	byPath func(rel string) bool
	sniff  func(head []byte) bool
	// secrets adds what the kind holds as secrets beyond secret-named keys (yamldoc.Secrets).
	secrets yamldoc.Extra
}

var (
	dcosKeys      = regexp.MustCompile(`(?m)^(master_discovery|bootstrap_url):`)
	dcosSecurity  = regexp.MustCompile(`(?m)^security:`)
	dcosSuperuser = regexp.MustCompile(`(?m)^superuser_username:`)
	fmlServer     = regexp.MustCompile(`(?m)^server:\s*$`)
	fmlTLS        = regexp.MustCompile(`(?m)^\s+tls:\s*$`)
	fmlAuth       = regexp.MustCompile(`(?m)^auth:\s*$`)
	fmlAuthKeys   = regexp.MustCompile(`(?m)^\s+(api_keys|ip_whitelist):`)
)

func isYAML(rel string) bool {
	b := strings.ToLower(scanners.Base(rel))
	return strings.HasSuffix(b, ".yaml") || strings.HasSuffix(b, ".yml")
}

// NewDCOS returns the scanner of DC/OS installer configuration.
func NewDCOS() *Scanner {
	return &Scanner{
		kind: "dcos-config",
		byPath: func(rel string) bool {
			return scanners.Base(rel) == "config.yaml" && path.Base(path.Dir(rel)) == "genconf"
		},
		sniff: func(head []byte) bool {
			return dcosKeys.Match(head) || (dcosSecurity.Match(head) && dcosSuperuser.Match(head))
		},
	}
}

// NewFetchML returns the scanner of FetchML API server configuration.
func NewFetchML() *Scanner {
	return &Scanner{
		kind: "fetchml-api",
		byPath: func(rel string) bool {
			return isYAML(rel) && strings.HasSuffix(path.Dir(rel), "configs/api")
		},
		sniff: func(head []byte) bool {
			return (fmlServer.Match(head) && fmlTLS.Match(head)) || (fmlAuth.Match(head) && fmlAuthKeys.Match(head))
		},
		secrets: apiKeys,
	}
}

// apiKeys marks FetchML's API keys, whatever the user is called: auth.api_keys.USER as a
// string, or its hash under one of the names FML002 reads. The rule wants hashes there, but
// what it reports on is the raw key someone stored instead.
func apiKeys(path []any, v string) []secret.Found {
	if len(path) < 3 || path[0] != "auth" || path[1] != "api_keys" || secret.Plain(v) {
		return nil
	}
	switch len(path) {
	case 3:
	case 4:
		switch path[3] {
		case "hash", "api_key_hash", "key_hash", "sha256", "key", "api_key":
		default:
			return nil
		}
	default:
		return nil
	}
	return []secret.Found{{Start: 0, End: len(v)}}
}

// Kind is "dcos-config" or "fetchml-api".
func (s *Scanner) Kind() string { return s.kind }

// Match decides by path; other YAML files are sniffed.
func (s *Scanner) Match(rel string) scanners.NameMatch {
	switch {
	case s.byPath(rel):
		return scanners.Match
	case isYAML(rel):
		return scanners.MaybeMatch
	}
	return scanners.NoMatch
}

// Sniff checks the content signature of the kind.
func (s *Scanner) Sniff(head []byte) bool { return s.sniff(head) }

// Parse reads every YAML document of the file; the first is the document, the others its
// Siblings, each judged on its own.
func (s *Scanner) Parse(p string, src []byte) (*scanners.Document, error) {
	docs, err := yamldoc.DecodeAll(p, src, yamldoc.Options{})
	if err != nil {
		return nil, err
	}
	var out []*scanners.Document
	for _, d := range docs {
		data := d.Data
		if _, ok := data.(map[string]any); !ok {
			data = map[string]any{}
		}
		out = append(out, &scanners.Document{Kind: s.kind, Path: p, Data: data, Spans: d.Spans, Secrets: yamldoc.Secrets(src, data, d.Spans, s.secrets)})
	}
	out[0].Siblings = out[1:]
	return out[0], nil
}
