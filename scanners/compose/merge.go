package compose

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/yamldoc"
	"github.com/deploylint/deploylint/secret"
)

// baseNames are the files docker compose loads by default, overrideNames the override it
// merges over them (compose-go's DefaultFileNames and DefaultOverrideFileNames).
var (
	baseNames     = []string{"compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"}
	overrideNames = []string{"compose.override.yml", "compose.override.yaml", "docker-compose.override.yml", "docker-compose.override.yaml"}
)

func isOneOf(name string, list []string) bool {
	for _, n := range list {
		if n == name {
			return true
		}
	}
	return false
}

// source is one compose file of a project: its raw data and spans (spans carry the file's
// path when it is not the document's own file).
type source struct {
	rel   string
	src   []byte
	raw   map[string]any
	spans scanners.Spans
	// secrets are the file's secrets as written (see fileSecrets), with the file's path when
	// it is not the document's own file.
	secrets []secret.Span
	// oddEnv is set when an environment list holds what the mapping cannot say as compose
	// reads it (an item that is not a string, a repeated, empty or interpolated name, a
	// name ending in a blank): the parts path leaves such a file to the loader.
	oddEnv bool
}

func decodeSource(rel string, src []byte, own bool) (*source, error) {
	raw, spans, err := yamldoc.Decode(rel, src, yamldoc.Options{UniqueKeys: true})
	if err != nil {
		return nil, err
	}
	m, _ := raw.(map[string]any)
	if m == nil {
		m = map[string]any{}
	}
	// Before the environment lists become maps: an item keeps its "KEY=" in front of the value.
	secrets := fileSecrets(src, m, spans)
	if !own {
		for i := range secrets {
			secrets[i].Path = rel
		}
		for k, sp := range spans {
			sp.Path = rel
			spans[k] = sp
		}
	}
	odd := normalizeEnvironment(m, spans)
	return &source{rel: rel, src: src, raw: m, spans: spans, secrets: secrets, oddEnv: odd}, nil
}

// normalizeEnvironment turns list-form environments ("K=V", "K") into maps, moving their
// spans from the list index to the variable name, so files merge by name. It reports whether
// a list held an item the mapping does not say as compose reads it (see source.oddEnv).
func normalizeEnvironment(raw map[string]any, spans scanners.Spans) (odd bool) {
	svcs, _ := raw["services"].(map[string]any)
	for name, sv := range svcs {
		svc, _ := sv.(map[string]any)
		list, ok := svc["environment"].([]any)
		if !ok {
			continue
		}
		m := map[string]any{}
		for j, item := range list {
			s := fmt.Sprint(item)
			k, v, hasValue := strings.Cut(s, "=")
			if _, isString := item.(string); !isString || k == "" || strings.Contains(k, "$") ||
				strings.TrimRightFunc(k, unicode.IsSpace) != k {
				odd = true
			}
			if _, dup := m[k]; dup {
				odd = true
			}
			if hasValue {
				m[k] = v
			} else {
				m[k] = nil
			}
			if sp, ok := spans[scanners.PathKey("services", name, "environment", j)]; ok {
				spans.Set(sp, "services", name, "environment", k)
			}
		}
		svc["environment"] = m
	}
	return odd
}

// merge lays an override over a base as compose does for the parts rules read: environment
// maps merge (override wins), ports append, any other key is replaced. Spans follow.
func merge(base, over *source) {
	bs, _ := base.raw["services"].(map[string]any)
	if bs == nil {
		bs = map[string]any{}
		base.raw["services"] = bs
	}
	ovs, _ := over.raw["services"].(map[string]any)
	for name, sv := range ovs {
		osvc, _ := sv.(map[string]any)
		bsvc, _ := bs[name].(map[string]any)
		if bsvc == nil {
			bs[name] = osvc
			copySpans(over.spans, base.spans, []any{"services", name}, nil)
			continue
		}
		for key, v := range osvc {
			switch key {
			case "environment":
				benv, _ := bsvc["environment"].(map[string]any)
				if benv == nil {
					benv = map[string]any{}
				}
				oenv, _ := v.(map[string]any)
				for k, ev := range oenv {
					benv[k] = ev
					copySpans(over.spans, base.spans, []any{"services", name, "environment", k}, nil)
				}
				bsvc["environment"] = benv
			case "ports":
				bports, _ := bsvc["ports"].([]any)
				oports, _ := v.([]any)
				for j, p := range oports {
					copySpans(over.spans, base.spans, []any{"services", name, "ports", j}, []any{"services", name, "ports", len(bports)})
					bports = append(bports, p)
				}
				bsvc["ports"] = bports
			default:
				bsvc[key] = v
				copySpans(over.spans, base.spans, []any{"services", name, key}, nil)
			}
		}
	}
}

// copySpans copies the spans at and below from in src to dst, under to (from when nil).
func copySpans(src, dst scanners.Spans, from, to []any) {
	if to == nil {
		to = from
	}
	fk, tk := scanners.PathKey(from...), scanners.PathKey(to...)
	for k, sp := range src {
		if k == fk || strings.HasPrefix(k, fk+"/") {
			dst[tk+k[len(fk):]] = sp
		}
	}
}
