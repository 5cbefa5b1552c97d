package rules

import (
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"math"
	"runtime"
	"sort"
	"strconv"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/secret"
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
	// Classify says the document's strings get their classes as input.values (the kind's
	// registry entry says whether its rules ask: scanners.Kind.Values).
	Classify bool
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
// more than evaluating most rules. With a catalogue, input.values holds the class of each of
// the document's strings.
func inputValue(in Input, cat *secret.Catalog) (ast.Value, error) {
	var values ast.Object
	if cat != nil {
		values = valueClasses(cat, in)
	}
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
	data, err := c.data(doc.Data)
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
	if values != nil {
		obj.Insert(ast.InternedTerm("values"), ast.NewTerm(values))
	}
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

// data converts a document's data. The large entries of its top level (100,000 users, their
// index by name, their passwords by hash) are converted side by side, each by a converter of
// its own, the rest in order.
func (c *converter) data(v any) (ast.Value, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return c.value(v)
	}
	var big []string
	for k, e := range m {
		if isLarge(e) {
			big = append(big, k)
		}
	}
	if len(big) < 2 {
		return c.value(v)
	}
	done := make(map[string]*ast.Term, len(big))
	terms := make([]*ast.Term, len(big))
	errs := make([]error, len(big))
	var wg sync.WaitGroup
	for i, k := range big {
		bc := newConverter()
		bc.release = c.release
		wg.Go(func() { terms[i], errs[i] = bc.term(m[k]) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	rest := make(map[string]any, len(m)-len(big))
	for k, e := range m {
		rest[k] = e
	}
	for i, k := range big {
		done[k] = terms[i]
		delete(rest, k)
	}
	val, err := c.value(rest)
	if err != nil {
		return nil, err
	}
	obj, ok := val.(ast.Object)
	if !ok {
		return nil, fmt.Errorf("data is %T, not an object", val)
	}
	for _, k := range big {
		obj.Insert(c.key(k), done[k])
	}
	if c.release {
		clear(m)
	}
	return obj, nil
}

// isLarge is whether a value is a list or object long enough to be converted in parts.
func isLarge(v any) bool {
	switch x := v.(type) {
	case []any:
		return len(x) >= parallelList
	case map[string]any:
		return len(x) >= parallelList
	}
	return false
}

// toValue converts a parser's plain JSON-like value (nil, string, bool, numbers, []any,
// []string, map[string]any, scanners.Record) to an OPA value without a JSON round trip.
func toValue(v any) (ast.Value, error) {
	return newConverter().value(v)
}

func newConverter() *converter {
	return &converter{seed: maphash.MakeSeed(), shapes: map[*scanners.Shape][]*ast.Term{}}
}

// converter shares one term per repeated object key, short string, integer, and small list or
// object value: a document of a million directives repeats the same few keys, names, contexts
// and parent indexes a million times, and 100,000 ACL users the same empty lists, channel
// patterns and command rules; a term per occurrence was most of its memory. Terms are
// immutable once built, so sharing them is safe.
type converter struct {
	seed    maphash.Seed
	strings termCache[string]
	ints    termCache[int]
	// values holds small lists and objects under their hash, which OPA computes as it builds
	// them; a hit is compared before it is shared.
	values termCache[int]
	// shapes holds the key terms of each record shape, in the shape's order.
	shapes map[*scanners.Shape][]*ast.Term
	// release empties each list and object once converted (Input.Release).
	release bool
	// nested is set once a long list was split (list), and in the converters of its parts.
	nested bool
}

const (
	// sharedString bounds the strings shared: longer ones are seldom repeated.
	sharedString = 48
	// sharedLen bounds the lists and objects shared: larger ones are seldom repeated, and
	// comparing them would cost what sharing saves.
	sharedLen = 8
)

// termCache is a direct-mapped cache of terms: a slot per hash, the newest term winning. A
// map that kept every distinct value cost more in lookups than it saved once a document's
// values were mostly unique (100,000 user names); a fixed table costs one probe. It starts
// small, so that the many small documents of a scan pay little, and grows while it misses.
type termCache[K comparable] struct {
	slots  []termSlot[K]
	misses int
}

type termSlot[K comparable] struct {
	key  K
	term *ast.Term
}

const (
	minSlots = 64
	maxSlots = 1 << 14
)

// get is the cached term under key and hash h for which same holds, else make's, cached.
func (tc *termCache[K]) get(key K, h uint64, same func(*ast.Term) bool, make func() *ast.Term) *ast.Term {
	if tc.slots == nil {
		tc.slots = newSlots[K](minSlots)
	}
	s := &tc.slots[tc.index(h)]
	if s.term != nil && s.key == key && (same == nil || same(s.term)) {
		return s.term
	}
	t := make()
	if tc.misses++; tc.misses > 2*len(tc.slots) && len(tc.slots) < maxSlots {
		tc.slots, tc.misses = newSlots[K](4*len(tc.slots)), 0
		s = &tc.slots[tc.index(h)]
	}
	*s = termSlot[K]{key: key, term: t}
	return t
}

// index is hash h's slot: the table's size is a power of two.
func (tc *termCache[K]) index(h uint64) int {
	return int(h & uint64(len(tc.slots)-1)) //nolint:gosec // a slice length is never negative; the mask keeps the result below it
}

func newSlots[K comparable](n int) []termSlot[K] { return make([]termSlot[K], n) }

func (c *converter) str(k string) *ast.Term {
	return c.strings.get(k, maphash.String(c.seed, k), nil, func() *ast.Term { return ast.StringTerm(k) })
}

func (c *converter) key(k string) *ast.Term { return c.str(k) }

// shapeKeys are the key terms of a record shape.
func (c *converter) shapeKeys(r scanners.Record) []*ast.Term {
	ks, ok := c.shapes[r.Shape()]
	if !ok {
		names := r.Shape().Keys()
		ks = make([]*ast.Term, len(names))
		for i, k := range names {
			ks[i] = c.key(k)
		}
		c.shapes[r.Shape()] = ks
	}
	return ks
}

// term converts v, sharing the term of a repeated short string, integer, or small value.
func (c *converter) term(v any) (*ast.Term, error) {
	switch x := v.(type) {
	case string:
		if len(x) > sharedString {
			return ast.StringTerm(x), nil
		}
		return c.str(x), nil
	case int:
		h := uint64(x) //nolint:gosec // a hash: negative numbers wrap, as they may
		return c.ints.get(x, h, nil, func() *ast.Term { return ast.IntNumberTerm(x) }), nil
	}
	ev, err := c.value(v)
	if err != nil {
		return nil, err
	}
	return c.intern(ev), nil
}

// intern is the shared term of a small list or object equal to v, else a new term.
func (c *converter) intern(v ast.Value) *ast.Term {
	switch x := v.(type) {
	case *ast.Array:
		if x.Len() > sharedLen {
			return ast.NewTerm(v)
		}
	case ast.Object:
		if x.Len() > sharedLen {
			return ast.NewTerm(v)
		}
	default:
		return ast.NewTerm(v)
	}
	h := v.Hash()
	hh := uint64(h) //nolint:gosec // a hash: negative ones wrap, as they may
	return c.values.get(h, hh, func(t *ast.Term) bool { return t.Value.Compare(v) == 0 }, func() *ast.Term { return ast.NewTerm(v) })
}

// parallelList is the length from which a document's first long list (its 100,000 users or
// million directives) is converted by several goroutines, each with converters of its own:
// one document's conversion was otherwise seconds of one core while the others idled.
const parallelList = 1 << 13

// list converts x into terms.
func (c *converter) list(x []any, terms []*ast.Term) error {
	parts := min(runtime.GOMAXPROCS(0), 4)
	if c.nested || len(x) < parallelList || parts < 2 {
		for i, e := range x {
			t, err := c.term(e)
			if err != nil {
				return err
			}
			terms[i] = t
			if c.release {
				x[i] = nil
			}
		}
		return nil
	}
	c.nested = true // one split per conversion: the lists inside are converted as they are
	errs := make([]error, parts)
	var wg sync.WaitGroup
	for p := range parts {
		from, to := p*len(x)/parts, (p+1)*len(x)/parts
		pc := c
		if p > 0 {
			pc = newConverter()
			pc.release, pc.nested = c.release, true
		}
		wg.Go(func() { errs[p] = pc.list(x[from:to], terms[from:to]) })
	}
	wg.Wait()
	return errors.Join(errs...)
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
		if err := c.list(x, terms); err != nil {
			return nil, err
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
	case scanners.Record:
		keys := c.shapeKeys(x)
		items := make([][2]*ast.Term, 0, len(keys))
		var err error
		x.EachIndex(func(i int, e any) {
			if err != nil {
				return
			}
			var t *ast.Term
			if t, err = c.term(e); err == nil {
				items = append(items, [2]*ast.Term{keys[i], t})
			}
		})
		if err != nil {
			return nil, err
		}
		if c.release {
			x.Clear()
		}
		return ast.NewObject(items...), nil
	default:
		// Parsers should hand plain JSON types; anything else still works, more slowly.
		return ast.InterfaceToValue(x)
	}
}
