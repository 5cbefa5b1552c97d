package compose

import (
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/compose-spec/compose-go/v2/template"
	"github.com/compose-spec/compose-go/v2/types"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/secret/strength"
)

// addSecretFacts adds to every service of doc what rules need to judge its secrets, computed
// once here: environment_weak (the secret-named variables written in the compose file, or
// falling back to a default there, whose value zxcvbn rates guessable) and command_flags (the
// flags its entrypoint and command give each program, shell scripts included, with where each
// value comes from). sources holds the bytes of every compose file by span path ("" for the
// document's own file), so each flag is reported at its own line, even inside a block scalar.
// envRead says whether the services' env_file entries were read into their environments;
// when not, a service that has some gets env_files_unread, and rules do not call a variable
// they may set unset.
func addSecretFacts(doc *scanners.Document, p *types.Project, raw map[string]any, rawSpans scanners.Spans, sources map[string][]byte, env *scanners.Document, envRead bool) {
	services, _ := doc.Data.(map[string]any)["services"].(map[string]any)
	rawSvcs, _ := raw["services"].(map[string]any)
	names := make([]string, 0, len(services))
	for n := range services {
		names = append(names, n)
	}
	sort.Strings(names)
	loc := &locator{sources: sources, starts: map[string][]int{}}
	rater := strength.NewRater()
	for _, name := range names {
		data, _ := services[name].(map[string]any)
		svc, ok := p.Services[name]
		if data == nil || !ok {
			continue
		}
		rawSvc, _ := rawSvcs[name].(map[string]any)
		data["environment_weak"] = environmentWeak(data, rawSvc, env, rater)
		data["command_flags"] = commandFlagFacts(name, svc, rawSvc, rawSpans, doc.Spans, loc, env, rater)
		data["env_files_unread"] = !envRead && len(svc.EnvFiles) > 0
	}
}

// envFilesRead mirrors resolveEnvFiles: env_file entries are read only when every one of the
// project (pre_start hooks' included) lies inside the scan root.
func envFilesRead(p *types.Project, root string) bool {
	if root == "" {
		return false
	}
	inside := func(files []types.EnvFile) bool {
		for _, f := range files {
			path := f.Path
			if !filepath.IsAbs(path) {
				path = filepath.Join(p.WorkingDir, path)
			}
			if !scanners.Inside(root, path) {
				return false
			}
		}
		return true
	}
	for _, svc := range p.Services {
		if !inside(svc.EnvFiles) {
			return false
		}
		for _, h := range svc.PreStart {
			if !inside(h.EnvFiles) {
				return false
			}
		}
	}
	return true
}

// environmentWeak lists the secret-named variables whose value is written in the compose file
// (or is its ${VAR:-fallback}) and guessable. Values from .env are rated in the .env document.
func environmentWeak(data, rawSvc map[string]any, env *scanners.Document, rater *strength.Rater) map[string]any {
	out := map[string]any{}
	envs, _ := data["environment"].(map[string]any)
	origins, _ := data["environment_origin"].(map[string]any)
	rawEnv, _ := rawSvc["environment"].(map[string]any)
	for k, v := range envs {
		s, ok := v.(string)
		if !ok || !strength.SecretName(k) {
			continue
		}
		switch origins[k] {
		case "literal":
		case "default":
			// Interpolated again with the .env alone: when a variable the file requires is
			// unset, the resolved value is deploylint's neutral stand-in, not the fall-back.
			raw, ok := rawEnv[k].(string)
			if !ok {
				continue
			}
			if s, ok = substituteDotenv(raw, env); !ok {
				continue
			}
		default:
			continue
		}
		if !strength.Switch(s) && rater.Guessable(s) {
			out[k] = true
		}
	}
	return out
}

// substituteDotenv interpolates raw as compose does with the project's .env and nothing else;
// ok is false when compose would refuse it (a required variable is unset).
func substituteDotenv(raw string, env *scanners.Document) (string, bool) {
	out, err := template.Substitute(raw, func(k string) (string, bool) {
		if env == nil {
			return "", false
		}
		v, ok := env.Env[k]
		return v.Value, ok
	})
	return out, err == nil
}

// topArg is one word of the resolved entrypoint-then-command line and the YAML it came from.
type topArg struct {
	span    scanners.Span
	hasSpan bool
	raw     string // the YAML string it was written in, before interpolation ("" if unknown)
	// group numbers the YAML string: the words compose split from one string share it, so
	// the search for their flags goes on where the previous one stopped.
	group int
}

// commandFlagFacts turns a service's command-line flags into data, each flag with a span.
//
//	{"program": "bench", "name": "--admin-password", "value": "admin",
//	 "origin": "literal", // literal | default (a ${VAR:-x} of an unset VAR) | interpolated
//	                      // (compose substituted a variable: judged where it is set) |
//	                      // shell (expanded by the container's shell at run time: see vars)
//	 "vars": [],          // parameters a shell value expands ($REDIS_PASSWORD)
//	 "secret": true,      // the flag carries a password (a secret-named long flag, mysql -p…, redis-cli -a)
//	 "weak": false}       // a secret, written in the compose file, that zxcvbn rates guessable
func commandFlagFacts(name string, svc types.ServiceConfig, rawSvc map[string]any, rawSpans, spans scanners.Spans, loc *locator, env *scanners.Document, rater *strength.Rater) []any {
	var top []string
	var args []topArg
	for _, key := range []string{"entrypoint", "command"} {
		resolved := []string(svc.Command)
		if key == "entrypoint" {
			resolved = svc.Entrypoint
		}
		rawList, isList := rawSvc[key].([]any)
		rawStr, isStr := rawSvc[key].(string)
		whole, wholeOK := rawSpans[scanners.PathKey("services", name, key)]
		if !wholeOK {
			whole, wholeOK = rawSpans[scanners.PathKey("services", name)]
		}
		group := len(args)
		for i, w := range resolved {
			a := topArg{span: whole, hasSpan: wholeOK, group: group}
			switch {
			case isList && len(rawList) == len(resolved):
				if sp, ok := rawSpans[scanners.PathKey("services", name, key, i)]; ok {
					a.span, a.hasSpan = sp, true
				}
				switch v := rawList[i].(type) {
				case string:
					a.raw = v
				case int64, float64, bool:
					a.raw = fmt.Sprint(v) // a YAML number or boolean, written as such
				}
				a.group = len(args)
			case isStr:
				a.raw = rawStr
			}
			top = append(top, w)
			args = append(args, a)
		}
	}
	flags := commandLineFlags(top)
	out := make([]any, 0, len(flags))
	// Each YAML string is searched from where the previous flag in it was found.
	srcCursor := make([]int, len(args))
	rawCursor := make([]int, len(args))
	for i := range srcCursor {
		srcCursor[i] = -1
	}
	for i, f := range flags {
		a := args[f.elem]
		origin, value := "literal", f.value.text
		rawOrigin, fallback := "unknown", ""
		if a.raw != "" {
			rawOrigin, fallback = originAt(a.raw, &rawCursor[a.group], f, env)
		}
		if v := args[f.valueElem]; f.valueElem != f.elem && v.group != a.group {
			// The value is a YAML string of its own: ["--requirepass", "${PW:-changeme}"].
			rawOrigin = "unknown"
			if v.raw != "" {
				rawOrigin, fallback = valueOrigin(strings.TrimLeft(v.raw, `"'\`), env)
			}
		}
		switch {
		case !f.value.literal():
			origin, value = "shell", ""
		case rawOrigin == "default":
			origin, value = rawOrigin, fallback
		case rawOrigin != "unknown":
			origin = rawOrigin
		case a.raw == "" && a.hasSpan:
			origin = "interpolated" // written somewhere deploylint cannot see verbatim
		}
		secret := secretFlag(f.program, f.name, f.inline)
		vars := make([]any, 0, len(f.value.vars()))
		for _, v := range f.value.vars() {
			vars = append(vars, v)
		}
		out = append(out, map[string]any{
			"program": f.program,
			"name":    f.name,
			"value":   value,
			"origin":  origin,
			"vars":    vars,
			"secret":  secret,
			"weak":    secret && (origin == "literal" || origin == "default") && !strength.Switch(value) && rater.Guessable(value),
		})
		if a.hasSpan {
			sp := a.span
			if r, ok := loc.find(sp, &srcCursor[a.group], f.name, len(a.raw)); ok {
				sp.Key, sp.Value = r, r
			}
			sp.ID = ""
			spans.Set(sp, "services", name, "command_flags", i)
		}
	}
	return out
}

var defaultAt = regexp.MustCompile(`^\$\{([A-Za-z_][A-Za-z0-9_]*)(:?-)`)

// originAt finds flag f in the raw (pre-interpolation) text from *cur on and says where its
// value comes from: written there (literal), a ${VAR:-x} fall-back of a VAR the project's .env
// does not set (default), or another compose substitution (interpolated).
func originAt(raw string, cur *int, f argFlag, env *scanners.Document) (origin, fallback string) {
	i := indexFlag(raw[*cur:], f.name)
	if i < 0 {
		return "interpolated", "" // the flag itself came from a variable
	}
	at := *cur + i + len(f.name)
	*cur = at
	rest := raw[at:]
	if f.inline && strings.HasPrefix(rest, "=") {
		rest = rest[1:]
	}
	if !f.inline {
		rest = strings.TrimLeft(rest, " \t\r\n")
	}
	return valueOrigin(strings.TrimLeft(rest, `"'\`), env)
}

// valueOrigin says where a value written as rest (its raw text, quotes stripped) comes from,
// and for a fall-back, the value compose then uses.
func valueOrigin(rest string, env *scanners.Document) (origin, fallback string) {
	switch {
	case strings.HasPrefix(rest, "$$"):
		return "literal", ""
	case strings.HasPrefix(rest, "$"):
		m := defaultAt.FindStringSubmatch(rest)
		if m == nil {
			return "interpolated", ""
		}
		if env != nil {
			if _, set := env.Env[m[1]]; set {
				return "interpolated", ""
			}
		}
		expr, ok := braced(rest)
		if !ok {
			return "interpolated", ""
		}
		if fallback, ok = substituteDotenv(expr, env); !ok {
			return "interpolated", ""
		}
		return "default", fallback
	}
	return "literal", ""
}

// braced is the ${…} expression rest starts with, nested braces included.
func braced(rest string) (string, bool) {
	depth := 0
	for i := 0; i < len(rest); i++ {
		switch rest[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return rest[:i+1], true
			}
		}
	}
	return "", false
}

// Programs whose short options carry a password.
var (
	mysqlClients = map[string]bool{"mysql": true, "mysqladmin": true, "mysqldump": true, "mysqlcheck": true, "mysqlimport": true, "mysqlshow": true, "mariadb": true, "mariadb-admin": true, "mariadb-dump": true, "mariadb-check": true, "mariadb-import": true, "mariadb-show": true}
	redisClients = map[string]bool{"redis-cli": true, "valkey-cli": true, "keydb-cli": true}
	mongoClients = map[string]bool{"mongo": true, "mongosh": true, "mongodump": true, "mongorestore": true, "mongoexport": true, "mongoimport": true}
)

var flagSeparators = strings.NewReplacer("-", "_", ".", "_")

// switchVerbs start the names of boolean flags that end like a secret: what follows them on the
// command line is the next argument, not a password.
var switchVerbs = map[string]bool{"no": true, "ask": true, "prompt": true, "skip": true, "allow": true, "random": true, "generate": true, "reset": true, "require": true, "use": true, "with": true, "without": true, "enable": true, "disable": true, "show": true, "print": true, "change": true, "read": true}

// secretFlag says whether a flag's value is a password: a long flag named like a secret
// (--requirepass, --admin-password, --db-root-password, --api-token), mysql's -pPASSWORD
// (attached: mysql -p alone prompts, and its next word is a database), redis-cli's -a, mongo's -p.
func secretFlag(program, name string, inline bool) bool {
	if strings.HasPrefix(name, "--") {
		n := strings.TrimLeft(name, "-")
		verb, _, _ := strings.Cut(n, "-")
		if switchVerbs[verb] {
			return false // --no-password, --ask-pass, --allow-empty-password: switches
		}
		return strength.SecretName(flagSeparators.Replace(n))
	}
	switch {
	case mysqlClients[program]:
		return name == "-p" && inline
	case redisClients[program]:
		return name == "-a"
	case mongoClients[program]:
		return name == "-p"
	}
	return false
}

// locator finds a flag's text in the compose file's source, so a flag inside a multi-line
// script is reported at its own line.
type locator struct {
	sources map[string][]byte
	starts  map[string][]int
}

// find searches for needle from the span's start (or from *cur, past the previous find) within
// a window proportional to the raw text's length; ok is false when it is not there.
func (l *locator) find(sp scanners.Span, cur *int, needle string, rawLen int) (scanners.Range, bool) {
	src, ok := l.sources[sp.Path]
	if !ok || sp.Value.Start.Line == 0 {
		return scanners.Range{}, false
	}
	starts, ok := l.starts[sp.Path]
	if !ok {
		starts = []int{0}
		for i, c := range src {
			if c == '\n' {
				starts = append(starts, i+1)
			}
		}
		l.starts[sp.Path] = starts
	}
	line := sp.Value.Start.Line
	if line > len(starts) {
		return scanners.Range{}, false
	}
	from := starts[line-1] + max(sp.Value.Start.Column-1, 0)
	if *cur >= 0 {
		from = *cur
	}
	if from > len(src) {
		return scanners.Range{}, false
	}
	end := min(len(src), from+2*rawLen+256)
	i := indexFlag(string(src[from:end]), needle)
	if i < 0 {
		return scanners.Range{}, false
	}
	off := from + i
	*cur = off + len(needle)
	pos := func(o int) scanners.Position {
		n := sort.Search(len(starts), func(k int) bool { return starts[k] > o }) - 1
		return scanners.Position{Line: n + 1, Column: o - starts[n] + 1}
	}
	return scanners.Range{Start: pos(off), End: pos(off + len(needle))}, true
}

// sourcesOf maps each compose file's span path to its bytes: "" for the document's own file.
func sourcesOf(own []byte, extra []fileRef) map[string][]byte {
	m := map[string][]byte{"": own}
	for _, e := range extra {
		m[e.rel] = e.src
	}
	return m
}

// indexFlag is the offset of the first occurrence of flag in s that starts a shell word (at
// the start, or after a blank, a quote or an operator), or -1: "-p" is not found inside
// "--db-root-password".
func indexFlag(s, flag string) int {
	for off := 0; off <= len(s); {
		i := strings.Index(s[off:], flag)
		if i < 0 {
			return -1
		}
		at := off + i
		if at == 0 || strings.IndexByte(" \t\r\n\"'`;(|&{", s[at-1]) >= 0 {
			return at
		}
		off = at + 1
	}
	return -1
}
