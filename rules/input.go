package rules

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/deploylint/deploylint/scanners"
)

// Input is what a rule sees as `input`: the parser's document and the facts the driver learnt
// about its file. Parsers never fill the facts; the driver never touches the document.
type Input struct {
	Doc *scanners.Document
	// Stack is the deployment folder the file belongs to, with the variables of its .env.
	Stack *Stack
	// Git is what git knows of the file; nil outside a work tree or for kinds holding no
	// secrets.
	Git *GitStatus
	// Mode is the file's permission bits; nil when modes say nothing (a git work tree).
	Mode *uint32
	// SecretFiles are the modes of the files the document names as secrets (compose
	// secrets: file:), by root-relative path; only those found, and only when modes count.
	SecretFiles map[string]uint32
	// Mounts are the scanned documents bind-mounted into the document's services, by
	// container path.
	Mounts map[string]*scanners.Document
	// Release says the caller needs Doc.Data no more once it is evaluated: the conversion to
	// OPA's input empties its lists and objects as it goes, so that a document of a million
	// directives is not held twice, as Go data and as OPA input, at its peak.
	Release bool
}

// Stack carries what sibling files of one deployment folder contribute, so that cross-file
// rules (.env against users.acl) stay one-document rules.
type Stack struct {
	Dir   string                       `json:"dir"`
	Env   map[string]scanners.StackVar `json:"env"`
	Files []string                     `json:"files"`

	// value is the stack as an OPA value, converted once and shared by every document of
	// the stack: a folder of n files, each carrying the list of all n, would otherwise cost
	// n² (and every document of a folder would convert its .env again). Set it up with the
	// fields above before the first evaluation; they must not change afterwards.
	once  sync.Once
	value ast.Value
	err   error
}

// opaValue converts the stack once.
func (st *Stack) opaValue() (ast.Value, error) {
	st.once.Do(func() {
		env := make(map[string]any, len(st.Env))
		for k, v := range st.Env {
			env[k] = map[string]any{"value": v.Value, "path": v.Path, "line": v.Line}
		}
		files := make([]any, len(st.Files))
		for i, f := range st.Files {
			files[i] = f
		}
		st.value, st.err = toValue(map[string]any{"dir": st.Dir, "env": env, "files": files})
	})
	return st.value, st.err
}

// GitStatus is what git knows of a scanned file.
type GitStatus struct {
	Tracked bool
	Ignored bool
}

// inputValue builds the `input` document as an OPA value directly: a JSON round trip costs
// more than evaluating most rules.
func inputValue(in Input) (ast.Value, error) {
	doc := in.Doc
	// Whether the parser found a secret in the file (a value of a secret-named key that is no
	// placeholder, a password token): the rules on file modes and git ask it.
	m := map[string]any{"kind": doc.Kind, "path": doc.Path, "holds_secrets": len(doc.Secrets) > 0}
	if len(in.SecretFiles) > 0 {
		files := make(map[string]any, len(in.SecretFiles))
		for rel, mode := range in.SecretFiles {
			files[rel] = int(mode)
		}
		m["secret_files"] = files
	}
	if in.Git != nil {
		m["git"] = map[string]any{"tracked": in.Git.Tracked, "ignored": in.Git.Ignored}
	}
	if in.Mode != nil {
		m["file"] = map[string]any{"mode": int(*in.Mode)}
	}
	if len(in.Mounts) > 0 {
		mounts := make(map[string]any, len(in.Mounts))
		for target, d := range in.Mounts {
			mounts[target] = map[string]any{"path": d.Path, "kind": d.Kind, "data": d.Data}
		}
		m["mounts"] = mounts
	}
	// Only the document's own data is released: mounted documents are other documents.
	c := newConverter()
	c.release = in.Release
	data, err := c.value(doc.Data)
	if err != nil {
		return nil, err
	}
	c.release = false
	v, err := c.value(m)
	if err != nil {
		return nil, err
	}
	obj, ok := v.(ast.Object)
	if !ok {
		return nil, fmt.Errorf("input is %T, not an object", v)
	}
	obj.Insert(ast.InternedTerm("data"), ast.NewTerm(data))
	if in.Stack == nil {
		return obj, nil
	}
	st, err := in.Stack.opaValue()
	if err != nil {
		return nil, err
	}
	obj.Insert(ast.InternedTerm("stack"), ast.NewTerm(st))
	return obj, nil
}

// toValue converts a parser's plain JSON-like value (nil, string, bool, numbers, []any,
// []string, map[string]any) to an OPA value without a JSON round trip.
func toValue(v any) (ast.Value, error) {
	return newConverter().value(v)
}

func newConverter() *converter {
	return &converter{keys: map[string]*ast.Term{}, strings: map[string]*ast.Term{}, ints: map[int]*ast.Term{}}
}

// converter shares one term per object key, and one per short string or integer value
// while it has room: a document of a million directives repeats the same few keys, names,
// contexts and parent indexes a million times, and a term per occurrence was most of its
// memory. Terms are immutable once built, so sharing them is safe.
type converter struct {
	keys    map[string]*ast.Term
	strings map[string]*ast.Term
	ints    map[int]*ast.Term
	// release empties each list and object once converted (Input.Release).
	release bool
}

// Bounds of the value caches: strings longer than sharedString are seldom repeated, and a
// document of unique values stops caching once the caches are full.
const (
	sharedString = 48
	sharedValues = 1 << 16
)

func (c *converter) key(k string) *ast.Term {
	t, ok := c.keys[k]
	if !ok {
		t = ast.StringTerm(k)
		c.keys[k] = t
	}
	return t
}

// term converts v, sharing the term of a repeated short string or integer.
func (c *converter) term(v any) (*ast.Term, error) {
	switch x := v.(type) {
	case string:
		if len(x) > sharedString {
			return ast.StringTerm(x), nil
		}
		return shared(c.strings, x, ast.StringTerm), nil
	case int:
		return shared(c.ints, x, ast.IntNumberTerm), nil
	}
	ev, err := c.value(v)
	if err != nil {
		return nil, err
	}
	return ast.NewTerm(ev), nil
}

// shared is cache's term for k, made by mk and kept while the cache has room.
func shared[K comparable](cache map[K]*ast.Term, k K, mk func(K) *ast.Term) *ast.Term {
	if t, ok := cache[k]; ok {
		return t
	}
	t := mk(k)
	if len(cache) < sharedValues {
		cache[k] = t
	}
	return t
}

func (c *converter) value(v any) (ast.Value, error) {
	switch x := v.(type) {
	case nil:
		return ast.Null{}, nil
	case string:
		return ast.String(x), nil
	case bool:
		return ast.Boolean(x), nil
	case int:
		return ast.IntNumberTerm(x).Value, nil
	case int64:
		return ast.Number(strconv.FormatInt(x, 10)), nil
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return ast.String(fmt.Sprint(x)), nil // JSON has no NaN or infinity
		}
		return ast.Number(json.Number(strconv.FormatFloat(x, 'g', -1, 64))), nil
	case []any:
		terms := make([]*ast.Term, len(x))
		for i, e := range x {
			t, err := c.term(e)
			if err != nil {
				return nil, err
			}
			terms[i] = t
			if c.release {
				x[i] = nil
			}
		}
		return ast.NewArray(terms...), nil
	case []string:
		terms := make([]*ast.Term, len(x))
		for i, e := range x {
			terms[i], _ = c.term(e)
		}
		return ast.NewArray(terms...), nil
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		items := make([][2]*ast.Term, len(keys))
		for i, k := range keys {
			t, err := c.term(x[k])
			if err != nil {
				return nil, err
			}
			items[i] = [2]*ast.Term{c.key(k), t}
			if c.release {
				delete(x, k)
			}
		}
		return ast.NewObject(items...), nil
	default:
		// Parsers should hand plain JSON types; anything else still works, more slowly.
		return ast.InterfaceToValue(x)
	}
}
