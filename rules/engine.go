package rules

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"

	"github.com/deploylint/deploylint/internal/workers"
	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/secret"
)

// PolicySource is one folder of policies: the built-in ones or a user's.
type PolicySource struct {
	// Name prefixes file names in messages ("builtin", or the folder as given).
	Name string
	FS   fs.FS
	// Custom marks a user's folder: each of its rules is evaluated on its own, under the time
	// budget, so a slow or failing policy is named and stopped without losing the others.
	Custom bool
}

// EngineOptions configures NewEngineWith.
type EngineOptions struct {
	Sources []PolicySource
	// Config is what policies see at data.deploylint.config (see Config.PolicyData).
	Config map[string]any
	// Tests also loads the _test.rego files, for RunTests; a scan never needs them.
	Tests bool
	// EvalTimeout bounds one custom rule's evaluation on one document; 0 means
	// DefaultEvalTimeout. The built-in rules of a kind share BuiltinEvalTimeout, or this
	// when it is longer.
	EvalTimeout time.Duration
	// CallLimit bounds what one built-in call of a custom rule may build, in bytes; 0 means
	// DefaultCallLimit. EvalLimit bounds what a custom rule's calls build together on one
	// document; 0 means DefaultEvalLimit. See bounded.go.
	CallLimit, EvalLimit int64
}

// DefaultEvalTimeout is generous: rules take well under a millisecond per document, so only
// a runaway policy ever meets it.
const DefaultEvalTimeout = 5 * time.Second

// BuiltinEvalTimeout bounds the built-in rules on one document. It is longer because one of
// them may legitimately spend seconds: checking a DC/OS crypt hash of up to a million rounds
// against the shipped passwords.
const BuiltinEvalTimeout = time.Minute

// Engine evaluates compiled rules against documents. It is safe for concurrent use.
//
// The rules of a kind are compiled the first time a document of that kind is judged (or when
// Prepare asks): a pre-commit run that names one .env file compiles the .env rules and the
// libraries they import, not all of them.
type Engine struct {
	Catalogue *Catalogue
	store     storage.Store
	kinds     map[string]*kindState
	modules   map[string]*policyModule // every non-test module, by file
	files     []string                 // the keys of modules, sorted
	caps      *ast.Capabilities
	tests     map[string]*ast.Module
	timeout   time.Duration
	crypt     *cryptCache
	// public and private say what messages may and may not name (see Engine.Redactor).
	public, private []string
	// bounded replaces, in a custom rule's query, the built-ins that can build huge values;
	// customCaps is caps with their declarations, for the compilers of kinds with custom rules.
	bounded *boundedSet
	// customTests are the files of custom folders (rules, libraries and tests), whose calls
	// `deploylint test` bounds.
	customTests []string
	customCaps  *ast.Capabilities
	limits      valueLimits
	// values classifies the strings of documents whose kind asks (Input.Classify) against
	// the defaults data and the organisation's passwords: input.values.
	values *secret.Catalog
	// redisUsers pairs .env password variables with their Redis users (ACL008's pairs).
	redisUsers []RedisUser
}

// RedisUser pairs a .env password variable with the Redis user it belongs to: the user named
// by UsernameVar in .env, else Username (the defaults data's cosmos.redis_users, as ACL008
// reads it).
type RedisUser struct {
	PasswordVar, UsernameVar, Username string
}

// Values classifies strings against the shipped defaults and the organisation's passwords.
func (e *Engine) Values() *secret.Catalog { return e.values }

// RedisUsers are the .env password variables and the Redis users they belong to, sorted.
func (e *Engine) RedisUsers() []RedisUser { return e.redisUsers }

func redisUsers(defaults map[string]any) []RedisUser {
	cosmos, _ := defaults["cosmos"].(map[string]any)
	pairs, _ := cosmos["redis_users"].(map[string]any)
	out := make([]RedisUser, 0, len(pairs))
	for v, p := range pairs {
		m, _ := p.(map[string]any)
		uv, _ := m["username_var"].(string)
		u, _ := m["username"].(string)
		out = append(out, RedisUser{PasswordVar: v, UsernameVar: uv, Username: u})
	}
	sort.Slice(out, func(a, b int) bool { return out[a].PasswordVar < out[b].PasswordVar })
	return out
}

// kindState is the compiled queries of one kind, made once.
type kindState struct {
	once    sync.Once
	builtin []*Rule
	custom  []*Rule
	queries []*kindQuery
	err     error
}

// kindQuery evaluates every built-in rule of one document kind in a single query, so that
// helper documents the rules share (the set of known defaults, say) are computed once per
// document; a custom rule gets a query of its own.
type kindQuery struct {
	rules  []*Rule // rules[i] binds variable r<i>
	query  rego.PreparedEvalQuery
	custom bool
}

// forbiddenBuiltins are refused in every policy: rules read the input document and nothing else,
// so a scan stays reproducible and a policy can neither reach the network nor read the host. The
// list is read from OPA v1.22.2's topdown sources (every built-in OPA marks nondeterministic is in
// it, and TestForbiddenBuiltins fails when a new one is not):
//   - the network and the host: http.send, net.lookup_ip_addr, opa.runtime (the environment),
//     json.match_schema and json.verify_schema (a schema's $ref is fetched over HTTP or read from
//     the file system by OPA's internal/gojsonschema);
//   - the clock: time.now_ns and io.jwt.decode_verify (BuiltinContext.Time, which decode_verify
//     reads when its constraints carry no "time"), crypto.x509.parse_and_verify_certificates and
//     its _with_options form (crypto/x509's Verify reads time.Now when VerifyOptions.CurrentTime is
//     zero, as it always is for the first and is unless "CurrentTime" is given for the second);
//   - randomness: rand.*, uuid.*, io.jwt.encode_sign and io.jwt.encode_sign_raw
//     (BuiltinContext.Seed: ECDSA and RSA-PSS signatures differ on every call);
//   - output: trace, print.
//
// No other time.* built-in defaults to now: each takes its time as an argument. Those that take a
// time zone are refused at evaluation in a custom rule when the zone is not UTC (bounded.go).
// The pure net.cidr_* functions stay for the built-in rules: they compute on their arguments and
// touch nothing.
var forbiddenBuiltins = []string{
	"http.send", "net.lookup_ip_addr", "opa.runtime", "json.match_schema", "json.verify_schema",
	"time.now_ns", "io.jwt.decode_verify", "crypto.x509.parse_and_verify_certificates", "crypto.x509.parse_and_verify_certificates_with_options",
	"rand.", "uuid.", "io.jwt.encode_sign", "io.jwt.encode_sign_raw",
	"trace", "print",
}

// Capabilities returns the OPA capabilities policies are compiled with.
func Capabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	kept := caps.Builtins[:0:0]
	for _, b := range caps.Builtins {
		if !isForbidden(b.Name) {
			kept = append(kept, b)
		}
	}
	kept = append(kept, cryptMatchesDecl)
	caps.Builtins = kept
	caps.AllowNet = []string{}
	return caps
}

func isForbidden(name string) bool {
	for _, f := range forbiddenBuiltins {
		if name == f || (strings.HasSuffix(f, ".") && strings.HasPrefix(name, f)) {
			return true
		}
	}
	return false
}

// NewEngine loads and checks every policy; the rules of a kind are compiled when first needed.
func NewEngine(ctx context.Context, sources ...PolicySource) (*Engine, error) {
	return NewEngineWith(ctx, EngineOptions{Sources: sources})
}

// NewEngineWith is NewEngine with configuration data and a time budget.
func NewEngineWith(ctx context.Context, opt EngineOptions) (*Engine, error) {
	e := &Engine{kinds: map[string]*kindState{}, modules: map[string]*policyModule{}, tests: map[string]*ast.Module{}, timeout: opt.EvalTimeout, crypt: &cryptCache{}, caps: Capabilities()}
	if e.timeout <= 0 {
		e.timeout = DefaultEvalTimeout
	}
	e.limits = valueLimits{call: opt.CallLimit, eval: opt.EvalLimit}
	if e.limits.call <= 0 {
		e.limits.call = DefaultCallLimit
	}
	if e.limits.eval <= 0 {
		e.limits.eval = DefaultEvalLimit
	}
	data := map[string]any{}
	var rs []*Rule
	var builtinPkgs [][]string
	var customFiles []string // the rule and library modules of custom folders
	anyCustom := false
	// The built-in sources first: a custom folder is checked against what they declare.
	sources := slices.SortedStableFunc(slices.Values(opt.Sources), func(a, b PolicySource) int {
		return cmpBool(a.Custom, b.Custom)
	})
	for _, src := range sources {
		anyCustom = anyCustom || src.Custom
		if err := loadData(src.FS, src.Name, src.Custom, data); err != nil {
			return nil, fmt.Errorf("load policy data from %s: %w", src.Name, err)
		}
		// The built-in policies carry an index, so a scan parses only what it uses; a user's
		// folder, or a test run, is parsed whole and checked at once.
		if !src.Custom && !opt.Tests {
			mods, irs, ok, err := indexedModules(src.FS, src.Name)
			if err != nil {
				return nil, err
			}
			if ok {
				for _, m := range mods {
					e.modules[m.file] = m
					builtinPkgs = append(builtinPkgs, m.pkg)
				}
				rs = append(rs, irs...)
				continue
			}
		}
		ms, err := loadModules(src.FS, src.Name, opt.Tests)
		if err != nil {
			return nil, err
		}
		first := len(rs)
		if err := refuseForbidden(ms, src.Custom); err != nil {
			return nil, err
		}
		if src.Custom {
			if err := e.refuseCustomModules(ms, builtinNamespaces(builtinPkgs)); err != nil {
				return nil, err
			}
		}
		for _, m := range ms {
			if m.test {
				e.tests[m.file] = m.mod
				if src.Custom {
					e.customTests = append(e.customTests, m.file)
				}
				continue
			}
			pm := parsedModule(m)
			e.modules[m.file] = pm
			if src.Custom {
				customFiles = append(customFiles, m.file)
				e.customTests = append(e.customTests, m.file)
			} else {
				builtinPkgs = append(builtinPkgs, pm.pkg)
			}
			r, ok, err := ruleFromModule(m)
			if err != nil {
				return nil, err
			}
			if ok {
				r.Custom = src.Custom
				rs = append(rs, r)
			}
		}
		// Without an index the built-in rules get their guide statements here, as BuildIndex
		// gives them; a custom folder's guide map, if any, is not ours to trust.
		if !src.Custom {
			if err := attachGuideFile(src.FS, rs[first:]); err != nil {
				return nil, err
			}
		}
	}
	public, err := publicValues(opt.Sources)
	if err != nil {
		return nil, err
	}
	e.public = public
	e.private = configPasswords(opt.Config)
	e.files = slices.Sorted(maps.Keys(e.modules))
	cat, err := newCatalogue(rs)
	if err != nil {
		return nil, err
	}
	e.Catalogue = cat
	// A user's policy folder is compiled whole, with everything it can import, so that its
	// mistakes are reported when it is loaded, not when a document of its kind first turns
	// up. The built-in policies are compiled whole by the tests.
	if anyCustom {
		all, err := e.parsed(e.files)
		if err != nil {
			return nil, err
		}
		c := ast.NewCompiler().WithCapabilities(e.caps)
		if c.Compile(all); c.Failed() {
			return nil, fmt.Errorf("compile policies: %w", c.Errors)
		}
		if err := refuseFunctionMocks(c, customFiles); err != nil {
			return nil, err
		}
		e.bounded = newBoundedSet(e.limits)
		caps := *e.caps
		caps.Builtins = append(slices.Clip(e.caps.Builtins), e.bounded.decls...)
		e.customCaps = &caps
	}
	// The configuration replaces the committed default (deploylint/config/data.json, which is
	// what plain opa sees), and is {} when neither is there.
	ours, ok := data["deploylint"].(map[string]any)
	if !ok {
		ours = map[string]any{}
		data["deploylint"] = ours
	}
	if opt.Config != nil {
		ours["config"] = opt.Config
	} else if _, ok := ours["config"]; !ok {
		ours["config"] = map[string]any{}
	}
	shipped, _ := ours["data"].(map[string]any)
	defaults, _ := shipped["defaults"].(map[string]any)
	cfg, _ := ours["config"].(map[string]any)
	values, err := secret.NewCatalog(defaults, configPasswords(cfg))
	if err != nil {
		return nil, fmt.Errorf("policy data deploylint/data/defaults: %w", err)
	}
	e.values = values
	e.redisUsers = redisUsers(defaults)
	ours["facts"] = map[string]any{"public_sha256": publicSHA256(values)}
	// Stored as AST values: read as they are by every evaluation, not converted from Go values
	// on each read (the defaults tables are read for every document).
	e.store = inmem.NewFromObjectWithOpts(data, inmem.OptReturnASTValuesOnRead(true))
	for _, r := range cat.Rules {
		for _, k := range r.Kinds {
			ks := e.kinds[k]
			if ks == nil {
				ks = &kindState{}
				e.kinds[k] = ks
			}
			if r.Custom {
				ks.custom = append(ks.custom, r)
			} else {
				ks.builtin = append(ks.builtin, r)
			}
		}
	}
	return e, nil
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// refuseCustomModules refuses the modules of a custom folder that would take the place of a
// loaded one: a package of deploylint's own (refuseShadowing), or a file name already loaded
// (a folder named like the built-in source, "builtin", or named twice), which would replace the
// module of that name.
func (e *Engine) refuseCustomModules(ms []module, reserved []string) error {
	errs := []error{refuseShadowing(ms, reserved)}
	for _, m := range ms {
		_, mod := e.modules[m.file]
		_, test := e.tests[m.file]
		if mod || test {
			errs = append(errs, fmt.Errorf("%s: a policy file of this name is already loaded: a custom policy folder must not be named like another (or like the built-in source)", m.file))
		}
	}
	return errors.Join(errs...)
}

// parsed parses (once) and returns the named modules.
func (e *Engine) parsed(files []string) (map[string]*ast.Module, error) {
	out := make(map[string]*ast.Module, len(files))
	var errs []error
	for _, f := range files {
		m, err := e.modules[f].parse(e.caps)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out[f] = m
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

// Prepare compiles the rules of the given kinds now, rather than when their first document is
// judged; unknown kinds are ignored. The kinds of built-in rules alone are compiled together,
// one compiler per core, each given a share of the kinds: the libraries they share (secrets,
// compose, results) are compiled once per core, not once per kind, which cut the CPU a scan's
// start spends compiling by a third, while a stack of many kinds still has every core
// compiling (one compiler for all of them was slower to finish). A kind with custom rules is
// compiled on its own (its compiler runs every check stage and knows the bounded built-ins).
func (e *Engine) Prepare(ctx context.Context, kinds []string) error {
	var alone, together []string
	for _, k := range slices.Compact(slices.Sorted(slices.Values(kinds))) {
		switch ks := e.kinds[k]; {
		case ks == nil:
		case len(ks.custom) == 0 && len(ks.builtin) > 0:
			together = append(together, k)
		default:
			alone = append(alone, k)
		}
	}
	shares := e.shares(together, runtime.GOMAXPROCS(0))
	errs := make([]error, len(shares)+len(alone))
	workers.Each(len(errs), runtime.GOMAXPROCS(0), func(i int) {
		if i < len(shares) {
			errs[i] = e.compileTogether(ctx, shares[i])
			return
		}
		_, errs[i] = e.queries(ctx, alone[i-len(shares)])
	})
	return errors.Join(errs...)
}

// shares splits kinds into at most n groups of about as many rules each (the largest kind
// first, to the group with the fewest rules so far), each group's kinds sorted.
func (e *Engine) shares(kinds []string, n int) [][]string {
	n = max(1, min(n, len(kinds)))
	byRules := slices.Clone(kinds)
	slices.SortStableFunc(byRules, func(a, b string) int { return len(e.kinds[b].builtin) - len(e.kinds[a].builtin) })
	groups := make([][]string, n)
	load := make([]int, n)
	for _, k := range byRules {
		i := 0
		for j := range load {
			if load[j] < load[i] {
				i = j
			}
		}
		groups[i] = append(groups[i], k)
		load[i] += len(e.kinds[k].builtin)
	}
	for _, g := range groups {
		slices.Sort(g)
	}
	return groups
}

// compileTogether compiles the built-in rules of kinds in one compiler and prepares each
// kind's query from it. A kind compiled meanwhile (a document of it judged first) keeps its
// own compile; should the whole fail to compile, each kind is compiled on its own, so that the
// error is the kind's as ever.
func (e *Engine) compileTogether(ctx context.Context, kinds []string) error {
	var files []string
	for _, k := range kinds {
		for _, r := range e.kinds[k].builtin {
			files = append(files, r.File)
		}
	}
	mods, err := e.parsed(e.closure(files))
	if err != nil {
		return err
	}
	c := ast.NewCompiler().WithCapabilities(e.caps).WithSkipStages(checkOnlyStages...)
	if c.Compile(inlineConstructors(mods)); c.Failed() {
		return nil // each kind compiles on its own when asked, and says why it fails
	}
	var errs []error
	for _, k := range kinds {
		ks := e.kinds[k]
		ks.once.Do(func() {
			q, err := e.prepare(ctx, c, ks.builtin, false)
			if err != nil {
				ks.err = fmt.Errorf("compile the rules of kind %s: %w", k, err)
				return
			}
			ks.queries = []*kindQuery{{rules: ks.builtin, query: q}}
		})
		if ks.err != nil {
			errs = append(errs, ks.err)
		}
	}
	return errors.Join(errs...)
}

// queries compiles the rules of a kind the first time it is asked for.
func (e *Engine) queries(ctx context.Context, kind string) ([]*kindQuery, error) {
	ks := e.kinds[kind]
	if ks == nil {
		return nil, nil
	}
	ks.once.Do(func() {
		ks.queries, ks.err = e.compileKind(ctx, ks)
		if ks.err != nil {
			ks.err = fmt.Errorf("compile the rules of kind %s: %w", kind, ks.err)
		}
	})
	return ks.queries, ks.err
}

// checkOnlyStages are the compiler stages that only look for mistakes in policies and change
// nothing evaluation reads. The built-in policies are checked with every stage by make test
// (TestBuiltinPoliciesInline, opa test, regal); a scan compiling only them skips these, which
// were about half of each kind's compile. A kind with custom rules runs every stage.
var checkOnlyStages = []ast.StageID{
	ast.StageCheckUnusedImports, ast.StageCheckKeywordOverrides, ast.StageCheckDuplicateImports,
	ast.StageCheckVoidCalls, ast.StageCheckRuleConflicts, ast.StageCheckUndefinedFuncs,
	ast.StageCheckRecursion, ast.StageCheckTypes, ast.StageCheckUnsafeBuiltins,
	ast.StageCheckDeprecatedBuiltins, ast.StageBuildRequiredCapabilities,
}

func (e *Engine) compileKind(ctx context.Context, ks *kindState) ([]*kindQuery, error) {
	var files []string
	for _, r := range ks.builtin {
		files = append(files, r.File)
	}
	for _, r := range ks.custom {
		files = append(files, r.File)
	}
	mods, err := e.parsed(e.closure(files))
	if err != nil {
		return nil, err
	}
	caps := e.caps
	if len(ks.custom) > 0 {
		caps = e.customCaps // the bounded twins the custom rules' queries call
	}
	c := ast.NewCompiler().WithCapabilities(caps)
	if len(ks.custom) == 0 {
		c = c.WithSkipStages(checkOnlyStages...)
	}
	if c.Compile(inlineConstructors(mods)); c.Failed() {
		// The modules as written, for their own errors (or in case inlining made one).
		c = ast.NewCompiler().WithCapabilities(caps)
		if c.Compile(mods); c.Failed() {
			return nil, c.Errors
		}
	}
	var out []*kindQuery
	if len(ks.builtin) > 0 {
		q, err := e.prepare(ctx, c, ks.builtin, false)
		if err != nil {
			return nil, err
		}
		out = append(out, &kindQuery{rules: ks.builtin, query: q})
	}
	for _, r := range ks.custom {
		q, err := e.prepare(ctx, c, []*Rule{r}, true)
		if err != nil {
			return nil, fmt.Errorf("prepare rule %s (%s): %w", r.ID, r.File, err)
		}
		out = append(out, &kindQuery{rules: []*Rule{r}, query: q, custom: true})
	}
	return out, nil
}

// closure returns the named modules and every module they reach through a data reference
// (imports included), transitively: what compiling them needs, and nothing more.
func (e *Engine) closure(files []string) []string {
	in := map[string]bool{}
	queue := slices.Clone(files)
	for len(queue) > 0 {
		f := queue[0]
		queue = queue[1:]
		m := e.modules[f]
		if m == nil || in[f] {
			continue
		}
		in[f] = true
		for _, r := range m.refs {
			for _, other := range e.files {
				p := e.modules[other].pkg
				if !in[other] && (hasPrefix(p, r) || hasPrefix(r, p)) {
					queue = append(queue, other)
				}
			}
		}
	}
	return slices.Sorted(maps.Keys(in))
}

// prepare makes the query of rules; a custom rule's query evaluates with the bounded twins in
// place of the built-ins they bound (bounded.go).
func (e *Engine) prepare(ctx context.Context, c *ast.Compiler, rs []*Rule, custom bool) (rego.PreparedEvalQuery, error) {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = fmt.Sprintf("r%d = data.%s.deny", i, r.Package)
	}
	opts := []func(*rego.Rego){rego.Compiler(c), rego.Store(e.store), cryptMatchesOption(e.crypt)}
	query := strings.Join(parts, "; ")
	if custom {
		query += e.bounded.with
		for i := range rs {
			query += fmt.Sprintf("; %s(r%d)", resultsCheck, i)
		}
		opts = append(opts, e.bounded.opts...)
	}
	return rego.New(append(opts, rego.Query(query))...).PrepareForEval(ctx)
}

// refuseForbidden names the file and line of every call to a built-in policies may not use,
// before compiling, so the author reads why rather than OPA's "undefined function".
//
// A user's policy may not call any net.* built-in at all, the pure CIDR helpers included:
// the rule is simpler to state and to check than a list of the harmless ones. Nor may its
// rules use template strings (refuseTemplateStrings).
func refuseForbidden(ms []module, custom bool) error {
	forbidden := func(name string) bool { return isForbidden(name) || (custom && strings.HasPrefix(name, "net.")) }
	var errs []error
	seen := map[string]bool{}
	for _, m := range ms {
		if custom && !m.test {
			errs = append(errs, refuseTemplateStrings(m)...)
		}
		ast.WalkTerms(m.mod, func(t *ast.Term) bool {
			call, ok := t.Value.(ast.Call)
			if ok && len(call) > 0 {
				name := call[0].String()
				if forbidden(name) {
					errs = appendForbidden(errs, seen, m.file, t.Location, name)
				}
			}
			return false
		})
		for _, r := range m.mod.Rules {
			ast.WalkExprs(r, func(x *ast.Expr) bool {
				if !x.IsCall() {
					return false
				}
				name := x.Operator().String()
				if forbidden(name) {
					errs = appendForbidden(errs, seen, m.file, x.Location, name)
				}
				return false
			})
		}
	}
	return errors.Join(errs...)
}

// DataFile is the name of a data document in a policy folder. As in an OPA bundle, the folder
// it is in is its place in data: deploylint/data/defaults/data.json is
// data.deploylint.data.defaults, for the engine and for `opa test policies/` alike.
const DataFile = "data.json"

// loadData merges every data.json of a policy file system into the data tree, at the path its
// folder names. A document may add keys beside what is already there but never replace a value;
// a custom folder's documents may not reach data.deploylint at all (refuseCustomData), so a
// user's folder can neither change nor extend the built-in data.
func loadData(fsys fs.FS, prefix string, custom bool, into map[string]any) error {
	var files []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && d.Name() == DataFile {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, p := range files {
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return fmt.Errorf("load %s: %w", p, err)
		}
		var v any
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		if err := dec.Decode(&v); err != nil {
			return fmt.Errorf("load %s: %w", p, err)
		}
		var at []string
		if dir := path.Dir(p); dir != "." {
			at = strings.Split(dir, "/")
		}
		// Wrapped from the inside out: a/b/data.json holding v is {"a": {"b": v}}.
		for i := len(at) - 1; i >= 0; i-- {
			v = map[string]any{at[i]: v}
		}
		doc, ok := v.(map[string]any)
		if !ok {
			return fmt.Errorf("load %s: data at the root must be an object", p)
		}
		if custom {
			if err := refuseCustomData(path.Join(prefix, p), at, doc); err != nil {
				return err
			}
		}
		if err := mergeData(into, doc, nil); err != nil {
			return fmt.Errorf("load %s: %w", p, err)
		}
	}
	return nil
}

// mergeData adds src's keys to dst, descending into objects both hold; any other key both hold
// is an error naming its data path.
func mergeData(dst, src map[string]any, at []string) error {
	for _, k := range slices.Sorted(maps.Keys(src)) {
		here := append(slices.Clip(at), k)
		old, found := dst[k]
		if !found {
			dst[k] = src[k]
			continue
		}
		om, ok1 := old.(map[string]any)
		nm, ok2 := src[k].(map[string]any)
		if !ok1 || !ok2 {
			return fmt.Errorf("data.%s is already set by another data.json", strings.Join(here, "."))
		}
		if err := mergeData(om, nm, here); err != nil {
			return err
		}
	}
	return nil
}

// Kinds lists the document kinds at least one rule applies to.
func (e *Engine) Kinds() []string {
	ks := make([]string, 0, len(e.kinds))
	for k := range e.kinds {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// Eval runs every rule of the document's kind and returns its findings, unsorted. A query
// that overruns its time budget, or a custom rule that fails, becomes a META003 finding and
// the other queries still run.
func (e *Engine) Eval(ctx context.Context, in Input) ([]Finding, error) {
	doc := in.Doc
	kqs, err := e.queries(ctx, doc.Kind)
	if err != nil || len(kqs) == 0 {
		return nil, err
	}
	var cat *secret.Catalog
	if in.Classify {
		cat = e.values
	}
	input, err := inputValue(in, cat)
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", doc.Path, err)
	}
	// The built-in rules of a kind stay one query even on a document of 100,000 users:
	// evaluated side by side, each rule's query computed again what the rules share, which
	// cost more than the second core gave.
	var out []Finding
	for _, kq := range kqs {
		fs, err := e.evalQuery(ctx, doc, kq, input)
		out = append(out, fs...)
		if err != nil {
			return out, err
		}
	}
	return out, nil
}

// evalQuery evaluates one query on a document's input.
func (e *Engine) evalQuery(ctx context.Context, doc *scanners.Document, kq *kindQuery, input ast.Value) ([]Finding, error) {
	budget := e.budget(kq)
	qctx, cancel := context.WithTimeout(ctx, budget)
	var values *evalBudget // what a custom rule's built-in calls may still build
	if kq.custom {
		values = &evalBudget{left: e.limits.eval}
		qctx = withBudget(qctx, values)
	}
	res, err := kq.query.Eval(qctx, rego.EvalParsedInput(input), rego.EvalVirtualCache(newVirtualCache()))
	// Read before cancel(), which would make every context report an error.
	timedOut := errors.Is(qctx.Err(), context.DeadlineExceeded)
	cancel()
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if !timedOut && !kq.custom {
			return nil, fmt.Errorf("evaluate rules on %s: %w", doc.Path, err)
		}
		var reason string
		switch {
		case timedOut:
			reason = fmt.Sprintf("ran longer than its %s budget and was stopped", budget)
		case values != nil && values.stopped != nil:
			reason = "was stopped: " + values.stopped.Error()
		default:
			reason = "failed: " + err.Error()
		}
		return e.stopped(ctx, doc, kq, reason, err)
	}
	var out []Finding
	for _, r := range res {
		for i, rule := range kq.rules {
			set, _ := r.Bindings[fmt.Sprintf("r%d", i)].([]any)
			fs, err := e.findings(rule, doc, set)
			out = append(out, fs...)
			if err != nil {
				return out, fmt.Errorf("rule %s on %s: %w", rule.ID, doc.Path, err)
			}
		}
	}
	return out, nil
}

// findings makes a rule's results findings; the results of a rule that found 100,000 things
// are made in parts, one per core, in their order.
func (e *Engine) findings(rule *Rule, doc *scanners.Document, set []any) ([]Finding, error) {
	out := make([]Finding, len(set))
	errs := make([]error, workers.Parts(len(set), parallelList))
	workers.Split(len(set), parallelList, func(p, lo, hi int) {
		for k := lo; k < hi && errs[p] == nil; k++ {
			out[k], errs[p] = e.finding(rule, doc, set[k])
		}
	})
	return out, errors.Join(errs...)
}

func appendForbidden(errs []error, seen map[string]bool, file string, loc *ast.Location, name string) []error {
	line, col := 0, 0
	if loc != nil {
		line, col = loc.Row, loc.Col
	}
	msg := fmt.Sprintf("%s:%d:%d: %s is not allowed in deploylint policies: a rule reads its input document only (no network, clock, randomness, environment or output)", file, line, col, name)
	if seen[msg] {
		return errs
	}
	seen[msg] = true
	return append(errs, errors.New(msg))
}

// budget is the time a query may take on one document.
func (e *Engine) budget(kq *kindQuery) time.Duration {
	if !kq.custom && e.timeout < BuiltinEvalTimeout {
		return BuiltinEvalTimeout
	}
	return e.timeout
}

// stopped reports a query that ran out of time, asked a built-in for too much, or failed,
// through META003's own policy; reason follows the query's name ("ran longer than …").
func (e *Engine) stopped(ctx context.Context, doc *scanners.Document, kq *kindQuery, reason string, cause error) ([]Finding, error) {
	if doc.Kind == stoppedKind {
		return nil, fmt.Errorf("evaluate %s: %w", stoppedKind, cause)
	}
	var what string
	if kq.custom {
		what = fmt.Sprintf("policy %s (%s)", kq.rules[0].ID, kq.rules[0].File)
	} else {
		what = fmt.Sprintf("the built-in %s rules", doc.Kind)
	}
	spans := scanners.Spans{}
	spans.Set(scanners.Span{Key: scanners.LineRange(1, 1, 1), Value: scanners.LineRange(1, 1, 1)})
	sdoc := &scanners.Document{
		Kind:  stoppedKind,
		Path:  doc.Path,
		Data:  map[string]any{"what": what, "reason": reason, "kind": doc.Kind},
		Spans: spans,
	}
	return e.Eval(ctx, Input{Doc: sdoc})
}

// stoppedKind is the document kind META003 judges.
const stoppedKind = scanners.KindEvalStopped

// finding turns one deny result into a positioned Finding.
func (e *Engine) finding(rule *Rule, doc *scanners.Document, v any) (Finding, error) {
	obj, ok := v.(map[string]any)
	if !ok {
		return Finding{}, fmt.Errorf("deny result is %T, not an object built by data.deploylint.lib.result", v)
	}
	msg, _ := obj["msg"].(string)
	anchor, _ := obj["anchor"].(string)
	p, _ := obj["path"].([]any)
	f := Finding{RuleID: rule.ID, Severity: rule.Severity, Message: msg, Path: doc.Path}
	// GitHub code scanning shows a result at its rule descriptor's severity, whatever the
	// result says, so a result of its own severity would read differently there and here.
	if _, ok := obj["severity"]; ok {
		return Finding{}, fmt.Errorf("deny result carries a severity of its own: every finding of a rule has the rule's severity (custom.severity); a finding that deserves another is another rule")
	}
	span, _, found := doc.ResolveSpan(p)
	switch {
	case !found || anchor == "file":
		f.Range = scanners.LineRange(1, 1, 1)
	case anchor == "key" && !span.Key.IsZero():
		f.Range = span.Key
	case !span.Value.IsZero():
		f.Range = span.Value
	default:
		f.Range = span.Key
	}
	if found && span.Path != "" && anchor != "file" {
		f.Path = span.Path
	}
	if f.Range.IsZero() {
		f.Range = scanners.LineRange(1, 1, 1)
	}
	rel, err := relatedLocations(obj["related"])
	if err != nil {
		return Finding{}, err
	}
	f.Related = rel
	// A split rule's findings keep the fingerprint they had under the old ID, so baselines and
	// code scanning's alert history still recognise them.
	id := rule.ID
	if rule.SplitFrom != "" {
		id = rule.SplitFrom
	}
	f.Fingerprint = fingerprint(id, doc, p)
	return f, nil
}

// relatedLocations reads a result's related list (data.deploylint.lib.result.related): the
// path and line of each other place come from the driver's facts (a stack variable's origin),
// never computed by the rule.
func relatedLocations(v any) ([]Location, error) {
	if v == nil {
		return nil, nil
	}
	list, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("deny result's related is %T, not a list built by data.deploylint.lib.result.related", v)
	}
	out := make([]Location, 0, len(list))
	for _, item := range list {
		m, _ := item.(map[string]any)
		p, _ := m["path"].(string)
		msg, _ := m["msg"].(string)
		line, err := intOf(m["line"])
		if p == "" || err != nil || line < 1 {
			return nil, fmt.Errorf("deny result's related location %v needs a path and a line", item)
		}
		out = append(out, Location{Path: p, Range: scanners.LineRange(line, 1, 1), Message: msg})
	}
	return out, nil
}

func intOf(v any) (int, error) {
	switch n := v.(type) {
	case json.Number:
		i, err := n.Int64()
		return int(i), err
	case float64:
		return int(n), nil
	case int:
		return n, nil
	}
	return 0, fmt.Errorf("not a number: %v", v)
}

// fingerprint hashes rule, file and data path, with array indexes replaced by the element's
// stable name where the parser gave one, so it survives unrelated edits.
func fingerprint(id string, doc *scanners.Document, p []any) string {
	parts := make([]any, len(p))
	copy(parts, p)
	for i := range parts {
		if sp, ok := doc.Span(p[:i+1]); ok && sp.ID != "" {
			parts[i] = "=" + sp.ID
		}
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s", id, doc.Path, scanners.PathKey(parts...))
	return hex.EncodeToString(h.Sum(nil))[:32]
}
