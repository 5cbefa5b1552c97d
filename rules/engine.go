package rules

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"

	"github.com/deploylint/deploylint/scanners"
)

// PolicySource is one folder of policies: the built-in ones or a user's.
type PolicySource struct {
	// Name prefixes file names in messages ("builtin", or the folder as given).
	Name string
	FS   fs.FS
}

// Engine evaluates compiled rules against documents. It is safe for concurrent use.
type Engine struct {
	Catalogue *Catalogue
	compiler  *ast.Compiler
	store     storage.Store
	byKind    map[string]*kindQuery
	modules   map[string]*ast.Module
	tests     map[string]*ast.Module
}

// kindQuery evaluates every rule of one document kind in a single query, so that helper
// documents the rules share (the set of known defaults, say) are computed once per document.
type kindQuery struct {
	rules []*Rule // rules[i] binds variable r<i>
	query rego.PreparedEvalQuery
}

// forbiddenBuiltins are refused in every policy: rules read the input document and nothing else,
// so a scan stays reproducible and a policy can neither reach the network nor read the host.
var forbiddenBuiltins = []string{"http.send", "net.lookup_ip_addr", "opa.runtime", "time.now_ns", "rand.", "uuid.", "trace", "print"}

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

// NewEngine parses, checks and compiles every policy once, and prepares one query per rule.
func NewEngine(ctx context.Context, sources ...PolicySource) (*Engine, error) {
	var mods []module
	data := map[string]any{}
	for _, src := range sources {
		ms, err := loadModules(src.FS, src.Name)
		if err != nil {
			return nil, err
		}
		mods = append(mods, ms...)
		if err := loadData(src.FS, data); err != nil {
			return nil, fmt.Errorf("load policy data from %s: %w", src.Name, err)
		}
	}
	e := &Engine{byKind: map[string]*kindQuery{}, modules: map[string]*ast.Module{}, tests: map[string]*ast.Module{}}
	var rs []*Rule
	for _, m := range mods {
		if m.test {
			e.tests[m.file] = m.mod
			continue
		}
		e.modules[m.file] = m.mod
		r, ok, err := ruleFromModule(m)
		if err != nil {
			return nil, err
		}
		if ok {
			rs = append(rs, r)
		}
	}
	cat, err := newCatalogue(rs)
	if err != nil {
		return nil, err
	}
	e.Catalogue = cat
	e.compiler = ast.NewCompiler().WithCapabilities(Capabilities())
	if e.compiler.Compile(e.modules); e.compiler.Failed() {
		return nil, fmt.Errorf("compile policies: %w", e.compiler.Errors)
	}
	e.store = inmem.NewFromObject(map[string]any{"deploylint": map[string]any{"data": data}})
	byKind := map[string][]*Rule{}
	for _, r := range cat.Rules {
		for _, k := range r.Kinds {
			byKind[k] = append(byKind[k], r)
		}
	}
	for kind, rs := range byKind {
		parts := make([]string, len(rs))
		for i, r := range rs {
			parts[i] = fmt.Sprintf("r%d = data.%s.deny", i, r.Package)
		}
		q, err := rego.New(
			rego.Query(strings.Join(parts, "; ")),
			rego.Compiler(e.compiler),
			rego.Store(e.store),
			cryptMatchesOption(),
		).PrepareForEval(ctx)
		if err != nil {
			return nil, fmt.Errorf("prepare rules of kind %s: %w", kind, err)
		}
		e.byKind[kind] = &kindQuery{rules: rs, query: q}
	}
	return e, nil
}

// loadData reads lib/*.json into data.deploylint.data.<file name without .json>.
func loadData(fsys fs.FS, into map[string]any) error {
	matches, err := fs.Glob(fsys, "lib/*.json")
	if err != nil {
		return err
	}
	for _, p := range matches {
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		var v any
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		if err := dec.Decode(&v); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		into[strings.TrimSuffix(path.Base(p), ".json")] = v
	}
	return nil
}

// Kinds lists the document kinds at least one rule applies to.
func (e *Engine) Kinds() []string {
	ks := make([]string, 0, len(e.byKind))
	for k := range e.byKind {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// Input is the `input` document every rule sees.
func Input(doc *scanners.Document) map[string]any {
	in := map[string]any{"kind": doc.Kind, "path": doc.Path, "data": doc.Data}
	if doc.Stack != nil {
		in["stack"] = doc.Stack
	}
	return in
}

// Eval runs every rule of the document's kind and returns its findings, unsorted.
func (e *Engine) Eval(ctx context.Context, doc *scanners.Document) ([]Finding, error) {
	kq := e.byKind[doc.Kind]
	if kq == nil {
		return nil, nil
	}
	input, err := inputValue(doc)
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", doc.Path, err)
	}
	res, err := kq.query.Eval(ctx, rego.EvalParsedInput(input))
	if err != nil {
		return nil, fmt.Errorf("evaluate rules on %s: %w", doc.Path, err)
	}
	var out []Finding
	for _, r := range res {
		for i, rule := range kq.rules {
			set, _ := r.Bindings[fmt.Sprintf("r%d", i)].([]any)
			for _, v := range set {
				f, err := e.finding(rule, doc, v)
				if err != nil {
					return out, fmt.Errorf("rule %s on %s: %w", rule.ID, doc.Path, err)
				}
				out = append(out, f)
			}
		}
	}
	return out, nil
}

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
	if s, ok := obj["severity"].(string); ok {
		sev, err := ParseSeverity(s)
		if err != nil {
			return Finding{}, err
		}
		f.Severity = sev
	}
	span, _, found := doc.Spans.Resolve(p)
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
	f.Fingerprint = fingerprint(rule.ID, doc, p)
	return f, nil
}

// fingerprint hashes rule, file and data path, with array indexes replaced by the element's
// stable name where the parser gave one, so it survives unrelated edits.
func fingerprint(id string, doc *scanners.Document, p []any) string {
	parts := make([]any, len(p))
	copy(parts, p)
	for i := range parts {
		if sp, ok := doc.Spans[scanners.PathKey(p[:i+1]...)]; ok && sp.ID != "" {
			parts[i] = "=" + sp.ID
		}
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s", id, doc.Path, scanners.PathKey(parts...))
	return hex.EncodeToString(h.Sum(nil))[:32]
}
