package compose

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/compose-spec/compose-go/v2/types"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/yamldoc"
	"github.com/deploylint/deploylint/secret"
)

// fileSecrets marks the secrets of one compose file as written: values of secret-named
// environment variables in map and list form, the arguments of secret options in command,
// entrypoint and healthcheck test (string and list form), URL passwords and basic-auth hashes
// (Traefik labels) anywhere. A password that is also the name of a service, or the value of
// one of the file's other variables (POSTGRES_USER=gitea, POSTGRES_PASSWORD=gitea), is
// marked public: the messages that name the service or the user cannot help naming it.
func fileSecrets(src []byte, raw map[string]any, spans scanners.Spans) []secret.Span {
	out := yamldoc.Secrets(src, raw, spans, nil)
	loc := yamldoc.NewLocator(src, spans)
	svcs, _ := raw["services"].(map[string]any)
	for _, name := range sortedKeys(svcs) {
		svc, _ := svcs[name].(map[string]any)
		for _, key := range []string{"command", "entrypoint"} {
			out = append(out, listSecrets(loc, svc[key], "services", name, key)...)
		}
		if hc, ok := svc["healthcheck"].(map[string]any); ok {
			out = append(out, listSecrets(loc, hc["test"], "services", name, "healthcheck", "test")...)
		}
	}
	// What the file says of its own: the variables it interpolates are no secret, their
	// fallbacks may be.
	for i := range out {
		out[i].Value = secret.Literal(out[i].Value)
	}
	secret.Named(out, rawNames(raw))
	return out
}

// listSecrets marks the secret arguments of a command in list form, which no single element
// shows: ["redis-cli", "-a", "PASSWORD"].
func listSecrets(loc *yamldoc.Locator, v any, path ...any) []secret.Span {
	list, ok := v.([]any)
	if !ok {
		return nil
	}
	args := make([]string, len(list))
	for i, e := range list {
		args[i] = fmt.Sprint(e)
	}
	var out []secret.Span
	for _, f := range secret.Args(args) {
		p := make([]any, 0, len(path)+1)
		p = append(p, path...)
		p = append(p, f.Arg)
		out = append(out, loc.Secret(p, args[f.Arg], secret.Found{Start: f.Start, End: f.End}))
	}
	return out
}

// rawNames are the names a compose file shows: its services and the values of its variables
// that are not secrets (users, databases, hosts).
func rawNames(raw map[string]any) map[string]bool {
	names := map[string]bool{}
	svcs, _ := raw["services"].(map[string]any)
	for name, sv := range svcs {
		names[name] = true
		svc, _ := sv.(map[string]any)
		switch env := svc["environment"].(type) {
		case map[string]any:
			for k, v := range env {
				if s, ok := v.(string); ok && !secret.IsSecretName(k) {
					names[s] = true
				}
			}
		case []any:
			for _, item := range env {
				if k, v, ok := strings.Cut(fmt.Sprint(item), "="); ok && !secret.IsSecretName(k) {
					names[v] = true
				}
			}
		}
	}
	return names
}

// resolvedSecrets are the secrets of the project as compose-go resolved it: values that came
// from an env_file or from interpolation are known by value only (their place is another file,
// which marks its own). Rules see these values; messages must not. standIns are the values
// deploylint gave to unset variables.
func resolvedSecrets(p *types.Project, standIns map[string]bool) []secret.Span {
	names := map[string]bool{}
	var out []secret.Span
	for _, name := range sortedKeys(p.Services) {
		svc := p.Services[name]
		names[name] = true
		for _, k := range sortedKeys(svc.Environment) {
			v := svc.Environment[k]
			switch {
			case v == nil, standIns[*v]:
			case secret.IsSecretName(k) && !secret.Plain(*v):
				out = append(out, secret.Span{Value: *v})
			default:
				names[*v] = true
			}
		}
		cmds := [][]string{svc.Command, svc.Entrypoint}
		if svc.HealthCheck != nil {
			cmds = append(cmds, svc.HealthCheck.Test)
		}
		for _, c := range cmds {
			for _, f := range secret.Args(c) {
				if v := c[f.Arg][f.Start:f.End]; !standIns[v] {
					out = append(out, secret.Span{Value: v})
				}
			}
		}
	}
	secret.Named(out, names)
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// maxErrorLength bounds a compose-go error quoted in a finding.
const maxErrorLength = 200

// loadError is what a finding may say of a compose-go error: absolute paths of the scan root
// made relative to it, the file's secrets and the .env values it interpolates masked (a
// library error quotes the value it choked on), then cut short, after masking, so that no
// secret is cut into pieces too short to recognise.
func loadError(err error, root, dir string, secrets []secret.Span, env types.Mapping) string {
	msg := relativePaths(err.Error(), root, dir)
	known := append([]secret.Span{}, secrets...)
	for _, v := range env {
		// Any .env value, not only a secret-named one: compose-go quotes what it interpolated.
		if len(v) >= 4 {
			known = append(known, secret.Span{Value: v})
		}
	}
	msg = secret.NewRedactor(secret.Options{Secrets: known}).String(msg)
	if len(msg) > maxErrorLength {
		cut := maxErrorLength
		for cut > 0 && !utf8.RuneStart(msg[cut]) {
			cut--
		}
		msg = msg[:cut] + "…"
	}
	return msg
}

// relativePaths rewrites the absolute paths compose-go puts in its errors (it works on
// absolute paths) relative to the scan root, or to the compose file's folder when the file is
// parsed alone: a report must not show the machine's folders.
func relativePaths(msg, root, dir string) string {
	base := root
	if base == "" {
		base = dir
	}
	abs, err := filepath.Abs(base)
	if err != nil {
		return msg
	}
	forms := []string{abs}
	if real, err := filepath.EvalSymlinks(abs); err == nil && real != abs {
		forms = append(forms, real)
	}
	for _, f := range forms {
		msg = strings.ReplaceAll(msg, f+string(filepath.Separator), "")
		msg = strings.ReplaceAll(msg, f, ".")
	}
	return msg
}
