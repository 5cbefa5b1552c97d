package compose

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	composedotenv "github.com/compose-spec/compose-go/v2/dotenv"
	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/types"
	"github.com/sirupsen/logrus"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/confine"
	"github.com/deploylint/deploylint/scanners/dotenv"
	"github.com/deploylint/deploylint/scanners/yamldoc"
	"github.com/deploylint/deploylint/secret"
)

// Scanner reads docker-compose files.
type Scanner struct {
	env *dotenv.Scanner
	opt Options
	// observe, when set (by tests), is told for each file whether the parts path answered,
	// and if not, why.
	observe func(rel string, why error)
}

// Options tune the compose scanner.
type Options struct {
	// Strict loads every compose file through compose-go's full loader, JSON schema
	// validation included, instead of from compose-go's parts: a file docker compose would
	// refuse for an attribute no rule reads (a misspelt key nested in deploy, a duration that
	// does not parse) is then a META001 finding. It costs the schema's compile (about 20 ms,
	// once per process) and the loader's time on every file.
	Strict bool
}

// New returns the compose scanner.
func New() *Scanner { return NewWithOptions(Options{}) }

// NewWithOptions returns the compose scanner tuned by o.
func NewWithOptions(o Options) *Scanner {
	// compose-go reports unset variables through logrus's global logger; deploylint reports
	// through findings, so that output is discarded rather than printed between results.
	logrus.SetOutput(io.Discard)
	return &Scanner{env: dotenv.New(), opt: o}
}

// Kind is "compose".
func (*Scanner) Kind() string { return "compose" }

var composeName = regexp.MustCompile(`^(docker-)?compose([.-][^/]*)?\.ya?ml$`)

// Match claims compose.y*ml, docker-compose*.y*ml and compose.*.y*ml; other YAML files with a
// top-level services key are sniffed.
func (*Scanner) Match(rel string) scanners.NameMatch {
	base := strings.ToLower(scanners.Base(rel))
	switch {
	case composeName.MatchString(base):
		return scanners.Match
	case strings.HasSuffix(base, ".yml") || strings.HasSuffix(base, ".yaml"):
		return scanners.MaybeMatch
	}
	return scanners.NoMatch
}

var servicesKey = regexp.MustCompile(`(?m)^services:\s*$`)

// Sniff accepts YAML with a top-level services mapping.
func (*Scanner) Sniff(head []byte) bool { return servicesKey.Match(head) }

// Parse loads a compose file with no .env (used when the file is given as bytes only).
func (s *Scanner) Parse(path string, src []byte) (*scanners.Document, error) {
	return s.load(path, "", nil, src, nil)
}

// ParseFile loads a compose file with the .env of its directory, as docker compose does,
// reading every file beside it through r.
func (s *Scanner) ParseFile(t scanners.Target, src []byte, r *confine.Reader) (*scanners.Document, error) {
	if r == nil {
		return s.Parse(t.Rel, src)
	}
	dir := filepath.Dir(t.Path)
	f := &files{rd: r, root: t.Root, dir: dir, rel: t.Rel, cache: map[string]cached{}, envKind: s.env.Kind()}
	envRel := relJoin(t.Rel, ".env")
	var env *scanners.Document
	// A .env the reader refuses (linked out of the tree, too large) is recorded and left out.
	if b, err := f.read(filepath.Join(dir, ".env")); err == nil {
		// A .env compose cannot read makes compose fail too; its own META001 reports it.
		if d, err := s.env.Parse(envRel, b); err == nil {
			env = d
		}
	}
	base := filepath.Base(t.Path)
	if isOneOf(base, overrideNames) && f.firstExisting(baseNames) != "" {
		// docker compose merges this file over the base file; findings are reported through
		// the base file's document, at this file's lines.
		doc := &scanners.Document{
			Kind: "compose", Path: t.Rel, Spans: rootSpans(),
			Data: map[string]any{"services": map[string]any{}, "unset_variables": []any{}, "merged_into": relJoin(t.Rel, f.firstExisting(baseNames))},
		}
		doc.Skipped = f.skipped
		return doc, nil
	}
	var extra []fileRef
	if isOneOf(base, baseNames) {
		if o := f.firstExisting(overrideNames); o != "" {
			if b, err := f.read(filepath.Join(dir, o)); err == nil {
				extra = append(extra, fileRef{rel: relJoin(t.Rel, o), src: b})
			}
		}
	}
	doc, err := s.load(t.Rel, dir, f, src, env, extra...)
	if err != nil {
		return nil, err
	}
	doc.Skipped = f.skipped
	doc.Referenced = f.refs
	return doc, nil
}

// fileRef is an additional compose file merged over the document's own.
type fileRef struct {
	rel string
	src []byte
}

func rootSpans() scanners.Spans {
	sp := scanners.Spans{}
	sp.Set(scanners.Span{Key: scanners.LineRange(1, 1, 1), Value: scanners.LineRange(1, 1, 1)})
	return sp
}

func relJoin(rel, name string) string {
	d := filepath.ToSlash(filepath.Dir(filepath.FromSlash(rel)))
	if d == "." {
		return name
	}
	return d + "/" + name
}

// load decodes and loads a compose file; f reads the files beside it (nil: none is read).
func (s *Scanner) load(rel, dir string, f *files, src []byte, env *scanners.Document, extra ...fileRef) (*scanners.Document, error) {
	root := f.rootDir()
	own, err := decodeSource(rel, src, true)
	if err != nil {
		return nil, err
	}
	// The parts path merges the files as compose does, each as written: the merge below,
	// which lays out raw values and spans for the document, changes the compose file's.
	written := []*source{own}
	var extraSecrets []secret.Span
	for _, e := range extra {
		o, err := decodeSource(e.rel, e.src, false)
		if err != nil {
			return nil, err
		}
		if len(written) == 1 {
			c := *own
			c.raw, _ = deepCopy(own.raw).(map[string]any)
			written[0] = &c
		}
		written = append(written, o)
		extraSecrets = append(extraSecrets, o.secrets...)
		merge(own, o)
	}
	rawMap, rawSpans := own.raw, own.spans
	mapping := types.Mapping{}
	var secrets []secret.Span
	secrets = append(secrets, own.secrets...)
	secrets = append(secrets, extraSecrets...)
	if env != nil {
		for k, v := range env.Env {
			mapping[k] = v.Value
		}
		for _, sp := range env.Secrets {
			sp.Path = env.Path
			secrets = append(secrets, sp)
		}
	}
	envValues := maps.Clone(mapping)
	if dir == "" {
		dir = "."
	}
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", rel, err)
	}
	if err := checkInterpolation(rel, rawMap, rawSpans, mapping); err != nil {
		return nil, err
	}
	var project *types.Project
	var unset []string
	if !s.opt.Strict {
		// A file the parts cannot answer for goes to the loader, which reads it from the
		// start; nothing the parts path computed is kept (the files it read are cached by f).
		p, err := fromParts(written, mapping, absDir)
		if err == nil {
			if p, err = f.resolveEnvFiles(p); err == nil {
				project = p
			}
		}
		if s.observe != nil {
			s.observe(rel, err)
		}
	}
	if project == nil {
		l := &fullLoad{rel: rel, src: src, extra: extra, raw: rawMap, spans: rawSpans, mapping: mapping, absDir: absDir, root: root, secrets: secrets, envValues: envValues}
		if project, unset, err = l.run(f); err != nil {
			return nil, err
		}
	}
	doc := build(rel, project, rawMap, rawSpans, env, unset)
	addSecretFacts(doc, project, rawMap, rawSpans, sourcesOf(src, extra), env, envFilesRead(project, root))
	// The stand-ins given to unset variables are deploylint's, not the file's secrets.
	standIns := map[string]bool{}
	for _, v := range unset {
		standIns[mapping[v]] = true
	}
	secrets = append(secrets, resolvedSecrets(project, standIns)...)
	doc.Secrets = secrets
	doc.Binds = binds(dir, root, project)
	doc.SecretFiles = secretFiles(root, project)
	list := make([]any, len(unset))
	for i, v := range unset {
		list[i] = v
	}
	doc.Data.(map[string]any)["unset_variables"] = list
	doc.Data.(map[string]any)["required_unset"] = requiredUnset(rawMap, rawSpans, doc.Spans, unset)
	return doc, nil
}

// fullLoad is one load of a project through compose-go's full loader: for what the parts path
// cannot answer (extends, include, !reset and !override, a file compose refuses as it stands)
// and in strict mode, where its JSON schema judges every attribute.
type fullLoad struct {
	rel       string
	src       []byte
	extra     []fileRef
	raw       map[string]any // the merged raw data
	spans     scanners.Spans // raw's spans; those of merged files name their file
	mapping   types.Mapping  // the project environment; receives the stand-ins of unset variables
	absDir    string
	root      string
	secrets   []secret.Span
	envValues types.Mapping // the .env's values, masked in errors
}

// run loads the project; unset lists the variables given a stand-in.
func (l *fullLoad) run(f *files) (*types.Project, []string, error) {
	skipExtends := f.extendsUnsafe(l.raw, l.absDir)
	details := types.ConfigDetails{
		WorkingDir:  l.absDir,
		ConfigFiles: configFiles(l.absDir, l.rel, l.src, l.extra),
		Environment: l.mapping,
	}
	load := func() (project *types.Project, err error) {
		// compose-go asserts types before its schema check has run (an extended file's
		// `extends: {file: 1}` panics); a file it cannot digest is a parse error, not a crash.
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("compose-go cannot load this file: %v", r)
			}
		}()
		return loader.LoadWithContext(context.Background(), details, func(o *loader.Options) {
			o.SetProjectName("deploylint", true)
			o.Profiles = []string{"*"}
			o.SkipInclude = true
			o.SkipExtends = skipExtends
			// env_file entries are read by resolveEnvFiles, once their interpolated paths are
			// known to lie inside the scan root (the raw text cannot tell: ${VAR}, pre_start).
			o.SkipResolveEnvironment = true
			// No rule reads labels, and compose-go would open label_file paths anywhere on the
			// machine, even with every other file skipped.
			o.SkipResolveLabels = true
			// Resolved against the project directory, as docker compose does (env_file, bind sources).
			o.ResolvePaths = true
			o.SkipConsistencyCheck = true
			o.ResourceLoaders = nil
			if l.root != "" {
				o.ResourceLoaders = []loader.ResourceLoader{rootGuard{root: l.root}}
			}
		})
	}
	project, err := load()
	if err == nil {
		project, err = f.resolveEnvFiles(project)
	}
	var unset []string
	if err != nil {
		// A repository often ships the compose file without the .env it expects (an
		// env.example is copied into place on the host). Audit what can be audited: give every
		// referenced but unset variable a neutral value ("0" parses as a port, a boolean and a
		// name) and do without env_file contents that are not there.
		all := append([]byte{}, l.src...)
		for _, e := range l.extra {
			all = append(append(all, '\n'), e.src...)
		}
		unset = unsetVars(all, l.mapping)
		neutral := neutralValues(l.raw)
		for _, v := range unset {
			l.mapping[v] = neutral[v]
			if l.mapping[v] == "" {
				l.mapping[v] = "unset"
			}
		}
		project, err = load()
	}
	if err != nil {
		msg := loadError(err, l.root, l.absDir, l.secrets, l.envValues)
		line, col, ok := refusalAt(msg, l.raw, l.spans)
		if !ok {
			line, col = 1, 1
		}
		return nil, nil, &scanners.ParseError{Path: l.rel, Line: line, Column: col, Msg: "docker compose would refuse this file: " + msg}
	}
	return project, unset, nil
}

// boolKeys are service attributes compose parses as booleans.
var boolKeys = map[string]bool{"read_only": true, "tty": true, "stdin_open": true, "privileged": true, "init": true, "oom_kill_disable": true}

// neutralValues picks, for each variable the file references, a stand-in that parses where it
// is used: a port number under ports, false for boolean attributes.
func neutralValues(raw map[string]any) map[string]string {
	out := map[string]string{}
	var walk func(v any, key string, underPorts bool)
	walk = func(v any, key string, underPorts bool) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				walk(e, k, underPorts || k == "ports")
			}
		case []any:
			for _, e := range x {
				walk(e, key, underPorts)
			}
		case string:
			for _, m := range varRef.FindAllStringSubmatch(x, -1) {
				switch {
				case underPorts:
					out[m[1]] = "1"
				case boolKeys[key]:
					out[m[1]] = "false"
				}
			}
		}
	}
	walk(raw, "", false)
	return out
}

var requiredRef = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*):?\?`)

// requiredUnset lists the unset variables that the file declares required (${VAR:?…}), each
// with the first place that requires it.
func requiredUnset(raw map[string]any, rawSpans, spans scanners.Spans, unset []string) []any {
	isUnset := map[string]bool{}
	for _, v := range unset {
		isUnset[v] = true
	}
	var out []any
	seen := map[string]bool{}
	var walk func(v any, path []any)
	walk = func(v any, path []any) {
		switch x := v.(type) {
		case map[string]any:
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				walk(x[k], append(append([]any{}, path...), k))
			}
		case []any:
			for i, e := range x {
				walk(e, append(append([]any{}, path...), i))
			}
		case string:
			for _, m := range requiredRef.FindAllStringSubmatch(x, -1) {
				if !isUnset[m[1]] || seen[m[1]] {
					continue
				}
				seen[m[1]] = true
				if sp, ok := rawSpans[scanners.PathKey(path...)]; ok {
					spans.Set(sp, "required_unset", len(out))
				}
				out = append(out, m[1])
			}
		}
	}
	walk(raw, nil)
	return out
}

// unsetVars lists the variables the file references that the .env does not set, sorted.
func unsetVars(src []byte, env types.Mapping) []string {
	seen := map[string]bool{}
	for _, m := range varRef.FindAllStringSubmatch(string(src), -1) {
		if _, ok := env[m[1]]; !ok {
			seen[m[1]] = true
		}
	}
	out := make([]string, 0, len(seen))
	for v := range seen {
		out = append(out, v)
	}
	sort.Strings(out)
	return out
}

func configFiles(absDir, rel string, src []byte, extra []fileRef) []types.ConfigFile {
	files := []types.ConfigFile{{Filename: filepath.Join(absDir, filepath.Base(rel)), Content: src}}
	for _, e := range extra {
		files = append(files, types.ConfigFile{Filename: filepath.Join(absDir, filepath.Base(e.rel)), Content: e.src})
	}
	return files
}

// Bounds on what compose-go's interpolation may cost, far above what real files need: it
// rescans the rest of a string for every ${…} in it (a few thousand take minutes), and a
// variable used many times is copied as many times (gigabytes from one long .env value).
const (
	maxBracedRefs   = 32
	maxInterpolated = 16 << 20 // bytes of variable values copied into the file's strings
)

// checkInterpolation refuses, at the offending string, a file whose interpolation would
// exceed those bounds.
func checkInterpolation(rel string, raw map[string]any, spans scanners.Spans, env types.Mapping) error {
	total := 0
	var bad []any
	var walk func(v any, path []any) bool
	walk = func(v any, path []any) bool {
		switch x := v.(type) {
		case map[string]any:
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			sort.Strings(keys) // the same file must fail at the same line every time
			for _, k := range keys {
				if !walk(x[k], append(append([]any{}, path...), k)) {
					return false
				}
			}
		case []any:
			for i, e := range x {
				if !walk(e, append(append([]any{}, path...), i)) {
					return false
				}
			}
		case string:
			if strings.Count(x, "${") > maxBracedRefs {
				bad = path
				return false
			}
			for _, m := range varRef.FindAllStringSubmatch(x, -1) {
				if total += len(env[m[1]]); total > maxInterpolated {
					bad = path
					return false
				}
			}
		}
		return true
	}
	if walk(raw, nil) {
		return nil
	}
	line, col := 1, 1
	if sp, _, ok := spans.Resolve(bad); ok && sp.Path == "" {
		line, col = sp.Value.Start.Line, sp.Value.Start.Column
	}
	return &scanners.ParseError{Path: rel, Line: line, Column: col, Msg: fmt.Sprintf(
		"this file's ${…} substitutions exceed what deploylint evaluates (more than %d in one value, or more than %d MiB of variable values copied)",
		maxBracedRefs, maxInterpolated>>20)}
}

// maxExtendsFiles bounds the extends chain walked before compose-go follows it.
const maxExtendsFiles = 32

// extendsUnsafe reports whether extends may not be followed: an extends file, or one that
// file extends in turn, lies outside the scan root or is a file the reader refuses (a symlink
// out of the root, not a regular file: a FIFO would block compose-go's read forever, above
// the size limit). extends is then not followed at all. The chain is read here, through the
// reader, because compose-go's loader takes paths, not bytes: it reads the same files again.
func (f *files) extendsUnsafe(raw map[string]any, dir string) bool {
	if f == nil {
		return true
	}
	return f.extendsChain(raw, dir, map[string]bool{}, 0)
}

func (f *files) extendsChain(raw map[string]any, dir string, seen map[string]bool, depth int) bool {
	svcs, _ := raw["services"].(map[string]any)
	names := make([]string, 0, len(svcs))
	for n := range svcs {
		names = append(names, n)
	}
	sort.Strings(names) // the same file must record the same skipped files every time
	for _, name := range names {
		svc, _ := svcs[name].(map[string]any)
		ext, _ := svc["extends"].(map[string]any)
		file, ok := ext["file"]
		if !ok {
			continue
		}
		p, ok := file.(string)
		if !ok {
			if depth > 0 {
				continue // compose-go reports it in an extended file (a recovered panic)
			}
			return true // not a path: compose-go would panic on it; its schema check reports it
		}
		// A path with a variable is only known after interpolation.
		if strings.Contains(p, "$") {
			return true
		}
		// filepath.Join would turn an absolute path into one under dir.
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		if seen[p] {
			continue // a cycle: compose-go reports it
		}
		src, err := f.rd.ReadFile(f.root, p)
		switch {
		case errors.Is(err, confine.ErrOutsideRoot) && !errors.Is(err, confine.ErrSymlinkOutside):
			if depth > 0 {
				continue // rootGuard refuses it when compose-go gets there
			}
			f.skipOutside("extends file", p)
			return true
		case errors.Is(err, fs.ErrNotExist):
			seen[p] = true
			continue // missing: compose-go reports it
		case err != nil:
			f.skip(p, err)
			return true
		}
		seen[p] = true
		if depth >= maxExtendsFiles || len(seen) > maxExtendsFiles {
			return true
		}
		base, _, err := yamldoc.Decode(p, src, yamldoc.Options{})
		if err != nil {
			continue // compose-go reports the syntax error
		}
		if m, ok := base.(map[string]any); ok && f.extendsChain(m, filepath.Dir(p), seen, depth+1) {
			return true
		}
	}
	return false
}

// resolveEnvFiles reads the services' env_file entries as docker compose does, through the
// reader, when every one of them (pre_start hooks' included) lies inside the scan root;
// otherwise none is read. An env_file the reader refuses is left out and recorded as
// skipped; a missing one fails as in compose only when it is required.
func (f *files) resolveEnvFiles(p *types.Project) (*types.Project, error) {
	if f == nil {
		return p, nil
	}
	names := make([]string, 0, len(p.Services))
	for n := range p.Services {
		names = append(names, n)
	}
	sort.Strings(names)
	outside := false
	check := func(list []types.EnvFile) {
		for _, e := range list {
			if !scanners.Inside(f.root, f.abs(p.WorkingDir, e.Path)) {
				outside = true
				f.skipOutside("env_file", f.abs(p.WorkingDir, e.Path))
			}
		}
	}
	for _, n := range names {
		svc := p.Services[n]
		check(svc.EnvFiles)
		for _, h := range svc.PreStart {
			check(h.EnvFiles)
		}
	}
	if outside {
		return p, nil
	}
	for _, n := range names {
		svc := p.Services[n]
		if err := f.resolveEnvironment(&svc.ContainerSpec, p.WorkingDir, p.Environment); err != nil {
			return nil, err
		}
		// pre_start hooks inherit the service's environment and env_files at load time:
		// each is resolved like a service (compose-go's WithServicesEnvironmentResolved).
		for j := range svc.PreStart {
			h := &svc.PreStart[j]
			if len(h.Environment) == 0 && len(h.EnvFiles) == 0 {
				continue
			}
			if err := f.resolveEnvironment(&h.ContainerSpec, p.WorkingDir, p.Environment); err != nil {
				return nil, err
			}
		}
		p.Services[n] = svc
	}
	return p, nil
}

// resolveEnvironment is compose-go's (types.resolveEnvironment) with the env_file bytes read
// through the reader and parsed by compose-go's own dotenv parser.
func (f *files) resolveEnvironment(spec *types.ContainerSpec, workingDir string, projectEnv types.Mapping) error {
	spec.Environment = spec.Environment.Resolve(projectEnv.Resolve)
	environment := spec.Environment.ToMapping()
	for _, e := range spec.EnvFiles {
		path := f.abs(workingDir, e.Path)
		b, err := f.read(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			if e.Required {
				return fmt.Errorf("env file %s not found: %w", f.relOf(path), err)
			}
			continue
		case err != nil:
			continue // recorded as skipped by read
		}
		f.refer(path, f.envKind) // docker compose reads it as one, whatever its name
		lookup := func(k string) (string, bool) {
			// the project's environment comes first in interpolation, then the service's
			if v, ok := projectEnv.Resolve(k); ok {
				return v, true
			}
			if v, ok := spec.Environment[k]; ok && v != nil {
				return *v, true
			}
			return "", false
		}
		if err := composedotenv.ParseWithFormat(bytes.NewReader(b), path, environment, lookup, e.Format); err != nil {
			return err
		}
	}
	spec.Environment = environment.ToMappingWithEquals().OverrideBy(spec.Environment)
	return nil
}

// errOutsideRoot is what rootGuard answers for an extends file outside the scan root.
var errOutsideRoot = errors.New("an extends file lies outside the scanned tree, which deploylint does not read")

// rootGuard stands before compose-go's own file loader for extends files. extendsOutside
// judges the compose file's own extends; an extended file's further extends are only seen
// here, as written in that file: absolute paths outside the root and relative paths that climb
// out of their file's directory are refused.
type rootGuard struct{ root string }

func (g rootGuard) Accept(p string) bool {
	if filepath.IsAbs(p) {
		return !scanners.Inside(g.root, p)
	}
	c := filepath.Clean(p)
	return c == ".." || strings.HasPrefix(c, ".."+string(filepath.Separator))
}

func (rootGuard) Load(context.Context, string) (string, error) { return "", errOutsideRoot }

func (rootGuard) Dir(p string) string { return filepath.Dir(p) }

var varRef = regexp.MustCompile(`\$\{?([A-Za-z_][A-Za-z0-9_]*)`)

func build(rel string, p *types.Project, raw map[string]any, rawSpans scanners.Spans, env *scanners.Document, unset []string) *scanners.Document {
	spans := scanners.Spans{}
	spans.Set(scanners.Span{Key: scanners.LineRange(1, 1, 1), Value: scanners.LineRange(1, 1, 1)})
	copySpan := func(from []any, to ...any) bool {
		if sp, ok := rawSpans[scanners.PathKey(from...)]; ok {
			spans.Set(sp, to...)
			return true
		}
		return false
	}
	rawSvcs, _ := raw["services"].(map[string]any)
	names := make([]string, 0, len(p.Services))
	for n := range p.Services {
		names = append(names, n)
	}
	sort.Strings(names)
	services := map[string]any{}
	for _, name := range names {
		svc := p.Services[name]
		rawSvc, _ := rawSvcs[name].(map[string]any)
		if sp, ok := rawSpans[scanners.PathKey("services", name)]; ok {
			sp.ID = name
			spans.Set(sp, "services", name)
		}
		for _, k := range []string{"image", "network_mode", "command"} {
			copySpan([]any{"services", name, k}, "services", name, k)
		}
		services[name] = map[string]any{
			"image":              svc.Image,
			"image_repo":         imageRepo(svc.Image),
			"ports":              ports(name, svc.Ports, rawSvc, rawSpans, spans, unset),
			"expose":             toAnyStrings(svc.Expose),
			"environment":        environment(name, svc.Environment, rawSvc, rawSpans, spans, env),
			"environment_origin": origins(svc.Environment, rawSvc, env),
			"volumes":            volumes(name, svc.Volumes, rawSpans, spans),
			"network_mode":       svc.NetworkMode,
			"command":            toAnyStrings(svc.Command),
			"command_raw":        rawText(rawSvc["command"]),
		}
	}
	return &scanners.Document{Kind: "compose", Path: rel, Data: map[string]any{"services": services, "unset_variables": []any{}, "required_unset": []any{}}, Spans: spans}
}

// secretFiles lists the files of top-level secrets (secrets: name: file:) inside the root.
func secretFiles(root string, p *types.Project) []string {
	if root == "" {
		return nil
	}
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return nil
	}
	var out []string
	for _, sec := range p.Secrets {
		if sec.File == "" || !scanners.Inside(root, sec.File) {
			continue
		}
		if r, err := filepath.Rel(absRoot, sec.File); err == nil {
			out = append(out, filepath.ToSlash(r))
		}
	}
	sort.Strings(out)
	return out
}

// rawText is a command as written, before interpolation (a list is joined by spaces).
func rawText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = fmt.Sprint(e)
		}
		return strings.Join(parts, " ")
	}
	return ""
}

// binds lists the files bind-mounted from inside the scan root, by container path.
func binds(dir, root string, p *types.Project) map[string]string {
	if root == "" {
		return nil
	}
	out := map[string]string{}
	for _, svc := range p.Services {
		for _, v := range svc.Volumes {
			if v.Type != types.VolumeTypeBind || v.Source == "" {
				continue
			}
			src := v.Source
			if !filepath.IsAbs(src) {
				src = filepath.Join(dir, src)
			}
			if !scanners.Inside(root, src) {
				continue
			}
			absRoot, err := filepath.Abs(root)
			if err != nil {
				continue
			}
			r, err := filepath.Rel(absRoot, src)
			if err != nil {
				continue
			}
			out[svc.Name+":"+v.Target] = filepath.ToSlash(r)
		}
	}
	return out
}

// imageRepo is the repository of an image reference without registry defaults, tag or
// digest: "docker.io/library/redis:7-alpine" and "redis@sha256:…" are both "redis".
func imageRepo(image string) string {
	r := strings.ToLower(image)
	if i := strings.Index(r, "@"); i >= 0 {
		r = r[:i]
	}
	if i := strings.LastIndex(r, ":"); i > strings.LastIndex(r, "/") {
		r = r[:i]
	}
	r = strings.TrimPrefix(r, "docker.io/")
	r = strings.TrimPrefix(r, "index.docker.io/")
	return strings.TrimPrefix(r, "library/")
}

func toAnyStrings[S ~[]string](in S) []any {
	out := make([]any, len(in))
	for i, s := range in {
		out[i] = s
	}
	return out
}

// ports lists the resolved ports and maps each to the source entry it came from.
func ports(name string, resolved []types.ServicePortConfig, rawSvc map[string]any, rawSpans, spans scanners.Spans, unset []string) []any {
	rawPorts, _ := rawSvc["ports"].([]any)
	isUnset := map[string]bool{}
	for _, v := range unset {
		isUnset[v] = true
	}
	var origin []int // origin[i] = raw entry of resolved port i
	for j, rp := range rawPorts {
		n := 1
		if s, ok := rp.(string); ok && !strings.Contains(s, "$") {
			if pcs, err := types.ParsePortConfig(s); err == nil && len(pcs) > 0 {
				n = len(pcs)
			}
		}
		for k := 0; k < n; k++ {
			origin = append(origin, j)
		}
	}
	out := make([]any, 0, len(resolved))
	for i, pc := range resolved {
		fromUnset := false
		if i < len(origin) {
			if sp, ok := rawSpans[scanners.PathKey("services", name, "ports", origin[i])]; ok {
				spans.Set(sp, "services", name, "ports", i)
			}
			for _, m := range varRef.FindAllStringSubmatch(fmt.Sprint(rawPorts[origin[i]]), -1) {
				fromUnset = fromUnset || isUnset[m[1]]
			}
		}
		out = append(out, map[string]any{
			"host_ip": pc.HostIP, "published": pc.Published, "target": int(pc.Target), "protocol": pc.Protocol,
			"unset_variable": fromUnset,
		})
	}
	return out
}

// environment lists the resolved variables; a value interpolated from the project's .env
// points at the .env line.
func environment(name string, resolved types.MappingWithEquals, rawSvc map[string]any, rawSpans, spans scanners.Spans, env *scanners.Document) map[string]any {
	out := map[string]any{}
	rawEnv := rawSvc["environment"]
	for k, v := range resolved {
		if v == nil {
			out[k] = nil
		} else {
			out[k] = *v
		}
		var rawText string
		var from []any
		switch re := rawEnv.(type) {
		case map[string]any:
			if rv, ok := re[k]; ok {
				rawText = fmt.Sprint(rv)
				from = []any{"services", name, "environment", k}
			}
		case []any:
			for j, item := range re {
				s, _ := item.(string)
				if s == k || strings.HasPrefix(s, k+"=") {
					rawText = strings.TrimPrefix(strings.TrimPrefix(s, k), "=")
					from = []any{"services", name, "environment", j}
				}
			}
		}
		if env != nil {
			if m := varRef.FindStringSubmatch(rawText); m != nil {
				if sv, ok := env.Env[m[1]]; ok {
					sp := env.Spans[scanners.PathKey("vars", indexOf(env, m[1]), "value")]
					sp.Path = sv.Path
					spans.Set(sp, "services", name, "environment", k)
					continue
				}
			}
		}
		if from != nil {
			if sp, ok := rawSpans[scanners.PathKey(from...)]; ok {
				spans.Set(sp, "services", name, "environment", k)
			}
		}
	}
	return out
}

var defaultRef = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-?])`)

// origins says where each variable's value comes from: "literal" (written in the compose
// file), "default" (a ${VAR:-fallback} whose VAR is unset), "dotenv" (interpolated from the
// project's .env), "unset" (interpolated from a variable set nowhere), "host" (a bare name,
// passed through from the shell) or "env_file".
func origins(resolved types.MappingWithEquals, rawSvc map[string]any, env *scanners.Document) map[string]any {
	out := map[string]any{}
	rawEnv := rawSvc["environment"]
	for k := range resolved {
		text, found, bare := "", false, false
		switch re := rawEnv.(type) {
		case map[string]any:
			if rv, ok := re[k]; ok {
				found, bare = true, rv == nil
				text = fmt.Sprint(rv)
			}
		case []any:
			for _, item := range re {
				s, _ := item.(string)
				if s == k {
					found, bare = true, true
				} else if strings.HasPrefix(s, k+"=") {
					found, text = true, strings.TrimPrefix(s, k+"=")
				}
			}
		}
		out[k] = origin(text, found, bare, env)
	}
	return out
}

func origin(text string, found, bare bool, env *scanners.Document) string {
	text = strings.ReplaceAll(text, "$$", "") // an escaped dollar is a literal
	switch {
	case !found:
		return "env_file"
	case bare:
		return "host"
	case !strings.Contains(text, "$"):
		return "literal"
	}
	m := varRef.FindStringSubmatch(text)
	if m == nil {
		return "literal"
	}
	if env != nil {
		if _, ok := env.Env[m[1]]; ok {
			return "dotenv"
		}
	}
	if d := defaultRef.FindStringSubmatch(text); d != nil && strings.HasSuffix(d[2], "-") {
		return "default"
	}
	return "unset"
}

// indexOf finds the index of the effective variable name in a dotenv document.
func indexOf(env *scanners.Document, name string) int {
	vars, _ := env.Data.(map[string]any)["vars"].([]any)
	for i := len(vars) - 1; i >= 0; i-- {
		if v, ok := vars[i].(map[string]any); ok && v["name"] == name {
			return i
		}
	}
	return 0
}

func volumes(name string, vs []types.ServiceVolumeConfig, rawSpans, spans scanners.Spans) []any {
	out := make([]any, 0, len(vs))
	for i, v := range vs {
		if sp, ok := rawSpans[scanners.PathKey("services", name, "volumes", i)]; ok {
			spans.Set(sp, "services", name, "volumes", i)
		}
		out = append(out, map[string]any{"type": v.Type, "source": v.Source, "target": v.Target, "read_only": v.ReadOnly})
	}
	return out
}
