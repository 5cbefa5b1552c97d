package rules

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/tester"
	"github.com/open-policy-agent/opa/v1/topdown"
	"github.com/open-policy-agent/opa/v1/types"
)

// One built-in call is one step of an evaluation: the time budget cannot stop it half-way, and
// OPA puts no bound on what it builds. strings.replace_n({"a": "aa"}, s) doubles s, so a rule
// of forty such lines asks for a terabyte; concat with a long delimiter, sprintf("%999999d"),
// numbers.range(1, 1e12), a number like 1e600000000 in arithmetic (written out in full) each
// ask for gigabytes from a few bytes of policy.
//
// OPA v1.22.2 has no memory limit for an evaluation, and a custom built-in cannot take a
// built-in's name: the evaluator looks OPA's own implementations up first (topdown
// eval.builtinFunc), and topdown.RegisterBuiltinFunc would replace one for the whole process.
// What it does offer is `with`: a query's `with concat as f` replaces concat for everything the
// query evaluates, rule functions and libraries included. So a custom rule's query replaces
// each built-in below with a deploylint.bounded.* twin that first estimates, from the
// arguments, what the call would build (an upper bound, cheap to compute, counted no further
// than the limit it checks), refuses the call when that is above the limit of one call or what
// is left of the rule's budget on this document, and otherwise calls OPA's own implementation.
// A refused call halts the rule's evaluation; the engine reports it as META003 and the other
// rules run on. Built-in rules are not wrapped: their output must not change, and they build
// nothing of a document's size.
//
// What the twins cannot reach: a function that replaces another through `with` runs outside
// the query's replacements (refused at load, see refuseFunctionMocks), template strings compile
// to internal.template_string, which `with` cannot replace (refused at load), and values built
// by comprehensions are bounded by the time budget only.

const (
	// DefaultCallLimit is the most one built-in call of a custom rule may build, in bytes: a
	// value's strings and digits plus termBytes for each of its elements.
	DefaultCallLimit = 64 << 20
	// DefaultEvalLimit is the most the built-in calls of one custom rule may build, together,
	// on one document.
	DefaultEvalLimit = 256 << 20
)

// termBytes is what one element of a built value costs: its term, the box of its value and its
// slot in a collection (OPA's split allocates 55 bytes a piece, json.unmarshal 146 an element).
const termBytes = 64

// boundedPrefix names the twins: deploylint.bounded.concat replaces concat.
const boundedPrefix = "deploylint.bounded."

// valueLimits are the bounds of a custom rule's built-in calls.
type valueLimits struct{ call, eval int64 }

// LimitError is a built-in call of a custom rule that the engine refused: it would have built
// more than a bound allows, or read the host.
type LimitError struct {
	Builtin  string
	Location *ast.Location
	// Limit is what the call was allowed to build. When it is what was left of the rule's
	// budget on the document, Of is that budget; otherwise Limit is the limit of one call.
	Limit, Of int64
	// Reason, when set, replaces the sizes: why the call would read the host.
	Reason string
	// Results says the rule's findings themselves were too large to take (Limit bytes).
	Results bool
}

func (e *LimitError) Error() string {
	at := ""
	if e.Location != nil {
		at = fmt.Sprintf(" at %s:%d", e.Location.File, e.Location.Row)
	}
	// META003 follows it with " on this file".
	switch {
	case e.Results:
		return fmt.Sprintf("its findings would be more than %s written out (a value built by nesting one in another can double at each step without calling a built-in)", byteSize(e.Limit))
	case e.Reason != "":
		return fmt.Sprintf("its call of %s%s %s", e.Builtin, at, e.Reason)
	case e.Of > 0:
		return fmt.Sprintf("its call of %s%s would build more than the %s left of the %s its built-in calls may build", e.Builtin, at, byteSize(e.Limit), byteSize(e.Of))
	default:
		return fmt.Sprintf("its call of %s%s would build more than %s in one built-in call", e.Builtin, at, byteSize(e.Limit))
	}
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.4g GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.4g MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.4g KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// evalBudget is what one custom rule's evaluation on one document may still build, carried in
// the evaluation's context. One evaluation runs on one goroutine.
type evalBudget struct {
	left    int64
	stopped *LimitError
}

type budgetKey struct{}

func withBudget(ctx context.Context, b *evalBudget) context.Context {
	return context.WithValue(ctx, budgetKey{}, b)
}

// meter adds up an estimate, and stops counting once it is past max: an estimate never costs
// more than the limit it is checked against.
type meter struct{ n, max int64 }

func (m *meter) add(x int64) {
	switch {
	case m.n > m.max || x <= 0:
	case x > m.max-m.n:
		m.n = m.max + 1
	default:
		m.n += x
	}
}

func (m *meter) full() bool { return m.n > m.max }

// errMeterFull is returned by a twin's own implementation when what it builds passes its limit.
var errMeterFull = errors.New("value limit reached")

// satMul is a*b for non-negative a and b, saturating well below overflow.
func satMul(a, b int64) int64 {
	const top = math.MaxInt64 / 4
	if a <= 0 || b <= 0 {
		return 0
	}
	if a > top/b {
		return top
	}
	return a * b
}

// boundedBuiltin is one OPA built-in and what its twin checks before calling it.
type boundedBuiltin struct {
	name string
	// need adds to m what the call would build, from its arguments alone.
	need func(m *meter, args []*ast.Term)
	// run, when set, replaces OPA's implementation with one that counts on m as it builds.
	run func(bctx topdown.BuiltinContext, m *meter, args []*ast.Term) (*ast.Term, error)
	// refuse, when set, returns why a call would read the host ("" when it would not).
	refuse func(args []*ast.Term) string
}

// boundedBuiltins lists the built-ins a custom rule's calls of are bounded: every built-in of
// OPA v1.22.2 whose result (or working set) can be larger than a small constant times its
// arguments, or than its arguments as they are held in memory, where a value shared many
// times (a := [s, s, s, s]; b := [a, a, a, a]) counts once. The others return booleans,
// numbers of fixed size, or parts of their arguments (substring, object.get, array.slice,
// trim, upper, base64.decode …).
func boundedBuiltins() []boundedBuiltin {
	return []boundedBuiltin{
		// Strings built from strings.
		{name: "concat", need: needConcat},
		{name: "sprintf", need: needSprintf},
		{name: "format_int", need: func(m *meter, a []*ast.Term) { m.add(satMul(4, numCost(a[0]))) }},
		{name: "replace", need: needReplace},
		{name: "strings.replace_n", need: needReplaceN},
		{name: "regex.replace", need: needRegexReplace},
		{name: "strings.render_template", need: func(m *meter, a []*ast.Term) { m.deep(a[1], valueCost{}) }, run: runRenderTemplate},
		{name: "base64.encode", need: scaled(4, 3)},
		{name: "base64url.encode", need: scaled(4, 3)},
		{name: "base64url.encode_no_pad", need: scaled(4, 3)},
		{name: "hex.encode", need: scaled(2, 1)},
		{name: "urlquery.encode", need: scaled(3, 1)},
		{name: "glob.quote_meta", need: scaled(2, 1)},
		{name: "urlquery.encode_object", need: func(m *meter, a []*ast.Term) { m.deep(a[0], valueCost{strFactor: 3}) }},
		// Encoders: the whole value written out, each shared part as many times as it is reached.
		{name: "json.marshal", need: func(m *meter, a []*ast.Term) { m.deep(a[0], valueCost{json: true}) }},
		{name: "json.marshal_with_options", need: needMarshalWithOptions},
		{name: "yaml.marshal", need: func(m *meter, a []*ast.Term) { m.deep(a[0], valueCost{json: true, indent: 2, perLine: 4}) }},
		// Parsers: a small text becomes many terms.
		{name: "json.unmarshal", need: parsed(",:[{", 160)},
		{name: "yaml.unmarshal", need: parsed(",:[{-\n", 320)},
		{name: "yaml.is_valid", need: parsed(",:[{-\n", 320)},
		{name: "io.jwt.decode", need: scaled(160, 1)},
		{name: "urlquery.decode_object", need: parsed("&=", 2*termBytes)},
		{name: "rego.parse_module", need: func(m *meter, a []*ast.Term) { m.add(satMul(2048, strLen(a[1]))) }},
		{name: "graphql.is_valid", need: scaledAll(2048)},
		{name: "graphql.parse", need: scaledAll(2048)},
		{name: "graphql.parse_and_verify", need: scaledAll(2048)},
		{name: "graphql.parse_query", need: scaledAll(2048)},
		{name: "graphql.parse_schema", need: scaledAll(2048)},
		{name: "graphql.schema_is_valid", need: scaledAll(2048)},
		{name: "crypto.x509.parse_certificates", need: scaledAll(termBytes)},
		{name: "crypto.x509.parse_certificate_request", need: scaledAll(termBytes)},
		{name: "crypto.x509.parse_keypair", need: scaledAll(termBytes)},
		{name: "crypto.x509.parse_rsa_private_key", need: scaledAll(termBytes)},
		{name: "crypto.parse_private_keys", need: scaledAll(termBytes)},
		// Collections: one element each, up to one per byte of the text.
		{name: "split", need: needSplit},
		{name: "strings.split_n", need: needSplit},
		{name: "indexof_n", need: needIndexOfN},
		{name: "regex.split", need: needRegexPieces(false)},
		{name: "regex.find_n", need: needRegexPieces(false)},
		{name: "regex.find_all_string_submatch_n", need: needRegexPieces(true)},
		{name: "numbers.range", need: needRange},
		{name: "numbers.range_step", need: needRange},
		{name: "array.concat", need: func(m *meter, a []*ast.Term) { m.add(satMul(16, length(a[0])+length(a[1]))) }},
		{name: "array.flatten", need: func(m *meter, a []*ast.Term) { m.leaves(a[0]) }},
		{name: "object.union", need: func(m *meter, a []*ast.Term) { m.merge(a[0], a[1]) }},
		{name: "object.union_n", need: needUnionN},
		{name: "graph.reachable_paths", run: runReachablePaths},
		// Numbers: written out in full, so 1e600000000 + 0 is 600 million digits.
		{name: "plus", need: needNumbers},
		{name: "minus", need: needNumbers},
		{name: "mul", need: needNumbers},
		{name: "div", need: needNumbers},
		{name: "rem", need: needNumbers},
		{name: "abs", need: needNumbers},
		{name: "ceil", need: needNumbers},
		{name: "floor", need: needNumbers},
		{name: "round", need: needNumbers},
		{name: "sum", need: needNumbers},
		{name: "product", need: needNumbers},
		{name: "bits.and", need: needNumbers},
		{name: "bits.or", need: needNumbers},
		{name: "bits.xor", need: needNumbers},
		{name: "bits.negate", need: needNumbers},
		{name: "bits.rsh", need: needNumbers},
		{name: "bits.lsh", need: needShift},
		{name: "units.parse", need: needUnits},
		{name: "units.parse_bytes", need: needUnits},
		// The host: a time zone other than UTC is read from the host's TZ or zoneinfo files, and
		// time.Parse resolves a zone abbreviation (layout "MST") against the host's zone.
		{name: "time.date", refuse: refuseZone},
		{name: "time.clock", refuse: refuseZone},
		{name: "time.weekday", refuse: refuseZone},
		{name: "time.format", refuse: refuseZone},
		{name: "time.diff", refuse: refuseZone},
		{name: "time.parse_ns", refuse: func(a []*ast.Term) string {
			if s, ok := a[0].Value.(ast.String); ok && strings.Contains(string(s), "MST") {
				return "would resolve a zone abbreviation (layout MST) against the host's time zone (custom policies compute times in UTC)"
			}
			return ""
		}},
	}
}

// boundedSet is the twins of an engine: their declarations, the options that implement them
// and the `with` modifiers that put them in a custom rule's query.
type boundedSet struct {
	decls []*ast.Builtin
	opts  []func(*rego.Rego)
	with  string
	// inTests are the twins as OPA's tester takes custom built-ins, for `deploylint test`.
	inTests []*tester.Builtin
}

func newBoundedSet(lim valueLimits) *boundedSet {
	s := &boundedSet{}
	var with strings.Builder
	for _, b := range boundedBuiltins() {
		orig := ast.BuiltinMap[b.name]
		decl := &ast.Builtin{Name: boundedPrefix + b.name, Decl: orig.Decl}
		s.decls = append(s.decls, decl)
		s.opts = append(s.opts, rego.FunctionDyn(&rego.Function{Name: decl.Name, Decl: decl.Decl}, b.twin(lim, orig)))
		fmt.Fprintf(&with, " with %s as %s", b.name, decl.Name)
		s.inTests = append(s.inTests, &tester.Builtin{
			Decl: decl,
			Func: rego.FunctionDyn(&rego.Function{Name: decl.Name, Decl: decl.Decl}, b.twin(lim, orig)),
		})
	}
	s.with = with.String()
	decl := &ast.Builtin{Name: resultsCheck, Decl: types.NewFunction(types.Args(types.A), types.B)}
	s.decls = append(s.decls, decl)
	s.opts = append(s.opts, rego.FunctionDyn(&rego.Function{Name: decl.Name, Decl: decl.Decl}, checkResults(lim)))
	return s
}

// resultsCheck is the built-in a custom rule's query ends with, called on its deny set: the
// set is measured before OPA hands it to Go, where a value of shared parts (a := [b, b],
// forty times over) would be copied out in full, for ever.
const resultsCheck = boundedPrefix + "results"

// checkResults measures what a rule's findings would cost written out, reached as often as
// they are referenced, and stops the evaluation past one call's limit.
func checkResults(lim valueLimits) rego.BuiltinDyn {
	return func(bctx rego.BuiltinContext, terms []*ast.Term) (*ast.Term, error) {
		m := &meter{max: lim.call}
		for _, t := range terms {
			m.deep(t, valueCost{})
		}
		if m.full() {
			e := &LimitError{Limit: lim.call, Results: true}
			if budget, _ := bctx.Context.Value(budgetKey{}).(*evalBudget); budget != nil && budget.stopped == nil {
				budget.stopped = e
			}
			return nil, rego.NewHaltError(e)
		}
		return ast.BooleanTerm(true), nil
	}
}

// twin is the implementation of b's deploylint.bounded twin.
func (b boundedBuiltin) twin(lim valueLimits, orig *ast.Builtin) rego.BuiltinDyn {
	impl := topdown.GetBuiltin(b.name)
	arity := len(orig.Decl.FuncArgs().Args)
	return func(bctx rego.BuiltinContext, terms []*ast.Term) (*ast.Term, error) {
		args := terms[:min(arity, len(terms))]
		budget, _ := bctx.Context.Value(budgetKey{}).(*evalBudget)
		stop := func(e *LimitError) error {
			e.Builtin, e.Location = b.name, bctx.Location
			if budget != nil && budget.stopped == nil {
				budget.stopped = e
			}
			return rego.NewHaltError(e)
		}
		if b.refuse != nil {
			if why := b.refuse(args); why != "" {
				return nil, stop(&LimitError{Reason: why})
			}
		}
		m := &meter{max: lim.call}
		of := int64(0)
		if budget != nil && budget.left < m.max {
			m.max, of = max(budget.left, 0), lim.eval
		}
		if b.need != nil {
			b.need(m, args)
		}
		if m.full() {
			return nil, stop(&LimitError{Limit: m.max, Of: of})
		}
		var out *ast.Term
		var err error
		if b.run != nil {
			out, err = b.run(bctx, m, args)
			if errors.Is(err, errMeterFull) {
				return nil, stop(&LimitError{Limit: m.max, Of: of})
			}
		} else {
			err = impl(bctx, args, func(t *ast.Term) error {
				out = t
				return nil
			})
		}
		if budget != nil {
			budget.left -= m.n
		}
		// OPA's implementations halt when the evaluation is cancelled (its time budget); a
		// plain error only makes the call undefined, as it would without the twin.
		if h := (topdown.Halt{}); errors.As(err, &h) {
			return nil, rego.NewHaltError(h.Err)
		}
		return out, err
	}
}

// valueCost says how the text of a value is counted when a built-in writes it out again.
type valueCost struct {
	strFactor int64 // bytes per byte of a string (1 when 0)
	json      bool  // strings as JSON writes them, escapes included
	indent    int64 // bytes per level of depth on each element's line
	perLine   int64 // bytes of each element's line besides its indent
}

// deep adds what a value costs written out or copied element by element: termBytes and the
// value's text for each element, reached as often as it is referenced.
func (m *meter) deep(t *ast.Term, c valueCost) { m.deepAt(t, c, 0) }

func (m *meter) deepAt(t *ast.Term, c valueCost, depth int64) {
	if m.full() {
		return
	}
	m.add(termBytes + c.perLine + satMul(depth, c.indent))
	switch v := t.Value.(type) {
	case ast.String:
		switch {
		case c.json:
			m.add(jsonLen(string(v)))
		case c.strFactor > 0:
			m.add(satMul(int64(len(v)), c.strFactor))
		default:
			m.add(int64(len(v)))
		}
	case ast.Number:
		m.add(int64(len(v)))
	case *ast.Array:
		v.Until(func(e *ast.Term) bool {
			m.deepAt(e, c, depth+1)
			return m.full()
		})
	case ast.Set:
		v.Until(func(e *ast.Term) bool {
			m.deepAt(e, c, depth+1)
			return m.full()
		})
	case ast.Object:
		v.Until(func(k, x *ast.Term) bool {
			m.deepAt(k, c, depth+1)
			m.deepAt(x, c, depth+1)
			return m.full()
		})
	}
}

// jsonLen is the length of s written by encoding/json: quoted, with HTML characters, control
// characters, invalid UTF-8 and the line separators escaped.
func jsonLen(s string) int64 {
	n := int64(2)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t':
				n += 2
			case c < 0x20 || c == '<' || c == '>' || c == '&':
				n += 6
			default:
				n++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			n += 6
		} else {
			n += int64(size)
		}
		i += size
	}
	return n
}

// leaves adds an array.flatten: one slot for each non-array element, however deep.
func (m *meter) leaves(t *ast.Term) {
	arr, ok := t.Value.(*ast.Array)
	if !ok {
		m.add(16)
		return
	}
	m.add(termBytes)
	arr.Until(func(e *ast.Term) bool {
		m.leaves(e)
		return m.full()
	})
}

// merge adds an object.union: a new object for each level both sides hold as objects.
func (m *meter) merge(a, b *ast.Term) {
	oa, ok1 := a.Value.(ast.Object)
	ob, ok2 := b.Value.(ast.Object)
	if !ok1 || !ok2 {
		return
	}
	m.add(termBytes + satMul(int64(oa.Len()+ob.Len()), 48))
	ob.Until(func(k, v *ast.Term) bool {
		if old := oa.Get(k); old != nil {
			m.merge(old, v)
		}
		return m.full()
	})
}

// objects adds a copy of the objects of a value, as object.union_n makes of its arguments.
func (m *meter) objects(t *ast.Term) {
	o, ok := t.Value.(ast.Object)
	if !ok {
		return
	}
	m.add(termBytes + satMul(int64(o.Len()), 48))
	o.Until(func(_, v *ast.Term) bool {
		m.objects(v)
		return m.full()
	})
}

func needUnionN(m *meter, a []*ast.Term) {
	arr, ok := a[0].Value.(*ast.Array)
	if !ok {
		return
	}
	arr.Until(func(e *ast.Term) bool {
		m.objects(e)
		return m.full()
	})
}

func strLen(t *ast.Term) int64 {
	if s, ok := t.Value.(ast.String); ok {
		return int64(len(s))
	}
	return 0
}

func length(t *ast.Term) int64 {
	switch v := t.Value.(type) {
	case *ast.Array:
		return int64(v.Len())
	case ast.Set:
		return int64(v.Len())
	case ast.Object:
		return int64(v.Len())
	case ast.String:
		return int64(len(v))
	}
	return 0
}

// scaled: the result is num/den bytes for each byte of the first argument.
func scaled(num, den int64) func(*meter, []*ast.Term) {
	return func(m *meter, a []*ast.Term) {
		m.add(satMul(strLen(a[0])+den, num) / den)
	}
}

// scaledAll: a parser of every argument, factor bytes for each byte of text (an object
// argument counted as its text).
func scaledAll(factor int64) func(*meter, []*ast.Term) {
	return func(m *meter, a []*ast.Term) {
		for _, t := range a {
			if s, ok := t.Value.(ast.String); ok {
				m.add(satMul(int64(len(s)), factor))
				continue
			}
			inner := &meter{max: m.max}
			inner.deep(t, valueCost{})
			m.add(satMul(inner.n, factor/termBytes+1))
		}
	}
}

// parsed: a parser of its first argument making up to one element for each of the given bytes.
func parsed(separators string, perElement int64) func(*meter, []*ast.Term) {
	return func(m *meter, a []*ast.Term) {
		s, ok := a[0].Value.(ast.String)
		if !ok {
			return
		}
		n := int64(1)
		for i := 0; i < len(s); i++ {
			if strings.IndexByte(separators, s[i]) >= 0 {
				n++
			}
		}
		m.add(int64(len(s)) + satMul(n, perElement))
	}
}

func needConcat(m *meter, a []*ast.Term) {
	delim := strLen(a[0])
	n := int64(0)
	each(a[1], func(e *ast.Term) bool {
		m.add(strLen(e))
		n++
		return m.full()
	})
	m.add(satMul(n-1, delim))
}

// each calls f on the elements of an array or set until it returns true.
func each(t *ast.Term, f func(*ast.Term) bool) {
	switch v := t.Value.(type) {
	case *ast.Array:
		v.Until(f)
	case ast.Set:
		v.Until(f)
	}
}

// needSprintf: the format, the widths and precisions it asks for, and each argument as
// fmt may write it (a string quoted with %q is up to four times its length; a composite is
// written as Rego text; a float takes at most 330 characters).
func needSprintf(m *meter, a []*ast.Term) {
	format, ok := a[0].Value.(ast.String)
	if !ok {
		return
	}
	verbs, widths, star, indexed := scanFormat(string(format))
	m.add(int64(len(format)) + widths)
	if star {
		m.add(satMul(verbs, maxFmtWidth))
	}
	args := &meter{max: m.max}
	each(a[1], func(e *ast.Term) bool {
		switch v := e.Value.(type) {
		case ast.String:
			args.add(satMul(4, int64(len(v))) + 2)
		case ast.Number:
			if strings.ContainsAny(string(v), ".eE") {
				args.add(330) // formatted as a float64
			} else {
				args.add(satMul(4, numCost(e))) // as a big integer, %b at most 4 digits a digit
			}
		default:
			args.deep(e, valueCost{strFactor: 4})
		}
		return args.full()
	})
	if indexed {
		// %[1]s%[1]s… writes one argument once for each verb.
		m.add(satMul(args.n, max(verbs, 1)))
	} else {
		m.add(args.n)
	}
}

// maxFmtWidth is the largest width or precision fmt honours (its tooLarge).
const maxFmtWidth = 1_000_000

// scanFormat counts the verbs of a fmt format and adds up the widths and precisions they
// name; star and indexed say whether one takes its width from an argument or names its argument.
func scanFormat(f string) (verbs, widths int64, star, indexed bool) {
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			continue
		}
		if i+1 < len(f) && f[i+1] == '%' {
			i++
			continue
		}
		verbs++
	flags:
		for i++; i < len(f); i++ {
			c := f[i]
			switch {
			case c >= '0' && c <= '9':
				j := i
				for j < len(f) && f[j] >= '0' && f[j] <= '9' {
					j++
				}
				n, err := strconv.ParseInt(f[i:j], 10, 64)
				if err != nil || n > maxFmtWidth {
					n = maxFmtWidth
				}
				widths += n
				i = j - 1
			case c == '*':
				star = true
			case c == '[':
				indexed = true
			case strings.IndexByte("+-# .]", c) >= 0:
			default:
				break flags
			}
		}
	}
	return verbs, widths, star, indexed
}

// countingWriter counts what a replacer writes, and stops it past max.
type countingWriter struct{ m *meter }

func (w countingWriter) Write(p []byte) (int, error) {
	w.m.add(int64(len(p)))
	if w.m.full() {
		return 0, errMeterFull
	}
	return len(p), nil
}

func (w countingWriter) WriteString(s string) (int, error) {
	w.m.add(int64(len(s)))
	if w.m.full() {
		return 0, errMeterFull
	}
	return len(s), nil
}

// needReplace and needReplaceN run the replacer OPA builds into a counter: the exact length,
// at the cost of one more pass over the text and none of its memory.
func needReplace(m *meter, a []*ast.Term) {
	s, ok1 := a[0].Value.(ast.String)
	old, ok2 := a[1].Value.(ast.String)
	repl, ok3 := a[2].Value.(ast.String)
	if !ok1 || !ok2 || !ok3 {
		return
	}
	_, _ = strings.NewReplacer(string(old), string(repl)).WriteString(countingWriter{m}, string(s))
}

func needReplaceN(m *meter, a []*ast.Term) {
	patterns, ok1 := a[0].Value.(ast.Object)
	s, ok2 := a[1].Value.(ast.String)
	if !ok1 || !ok2 {
		return
	}
	keys := slices.SortedFunc(slices.Values(patterns.Keys()), ast.TermValueCompare)
	pairs := make([]string, 0, 2*len(keys))
	for _, k := range keys {
		ks, ok1 := k.Value.(ast.String)
		vs, ok2 := patterns.Get(k).Value.(ast.String)
		if !ok1 || !ok2 {
			return // OPA refuses it
		}
		pairs = append(pairs, string(ks), string(vs))
	}
	_, _ = strings.NewReplacer(pairs...).WriteString(countingWriter{m}, string(s))
}

// regexMatches bounds the matches of re in s: one per byte and one more, or, when that is
// above limit, a count (which may count too many, never too few).
func regexMatches(re *regexp.Regexp, s string, limit int64) int64 {
	if n := int64(len(s)) + 1; n <= limit {
		return n
	}
	n := int64(0)
	for pos := 0; pos <= len(s) && n <= limit; n++ {
		loc := re.FindStringIndex(s[pos:])
		if loc == nil {
			break
		}
		if loc[1] > 0 {
			pos += loc[1]
		} else {
			_, size := utf8.DecodeRuneInString(s[pos:])
			pos += max(size, 1)
		}
	}
	return n
}

// needRegexReplace: the matches' index (OPA finds them all first), the text between them, and
// each match's expansion of the template, where every $ reference is at most the match.
func needRegexReplace(m *meter, a []*ast.Term) {
	s, ok1 := a[0].Value.(ast.String)
	pattern, ok2 := a[1].Value.(ast.String)
	value, ok3 := a[2].Value.(ast.String)
	if !ok1 || !ok2 || !ok3 {
		return
	}
	re, err := regexp.Compile(string(pattern))
	if err != nil {
		return
	}
	perMatch := int64(16*(re.NumSubexp()+1)+24) + int64(len(value))
	n := regexMatches(re, string(s), m.max/max(perMatch, 1)+1)
	refs := int64(strings.Count(string(value), "$"))
	m.add(satMul(n, perMatch))
	m.add(satMul(int64(len(s)), refs+1))
}

// needRegexPieces: regex.split, find_n and find_all_string_submatch_n make one element (or,
// with groups, one for each group) for each match, up to the count they are given.
func needRegexPieces(groups bool) func(*meter, []*ast.Term) {
	return func(m *meter, a []*ast.Term) {
		pattern, ok1 := a[0].Value.(ast.String)
		s, ok2 := a[1].Value.(ast.String)
		if !ok1 || !ok2 {
			return
		}
		re, err := regexp.Compile(string(pattern))
		if err != nil {
			return
		}
		per := int64(4 * termBytes) // measured: regex.split allocates 210 bytes a piece
		if groups {
			per = satMul(per, int64(re.NumSubexp()+1))
		}
		pieces := regexMatches(re, string(s), m.max/per+1) + 1
		if len(a) > 2 {
			if n, ok := smallInt(a[2]); ok && n >= 0 {
				pieces = min(pieces, n)
			}
		}
		m.add(satMul(pieces, per))
	}
}

func needSplit(m *meter, a []*ast.Term) {
	s, ok1 := a[0].Value.(ast.String)
	sep, ok2 := a[1].Value.(ast.String)
	if !ok1 || !ok2 {
		return
	}
	var n int64
	if sep == "" {
		n = int64(utf8.RuneCountInString(string(s)))
	} else {
		n = int64(strings.Count(string(s), string(sep))) + 1
	}
	if len(a) > 2 {
		if k, ok := smallInt(a[2]); ok && k >= 0 {
			n = min(n, k)
		}
	}
	m.add(satMul(n, termBytes))
}

func needIndexOfN(m *meter, a []*ast.Term) {
	s, ok1 := a[0].Value.(ast.String)
	sub, ok2 := a[1].Value.(ast.String)
	if !ok1 || !ok2 {
		return
	}
	n := int64(len(s)) + 1
	if satMul(n, termBytes) > m.max && sub != "" {
		n = 0
		for i := 0; i <= len(s) && satMul(n, termBytes) <= m.max; i++ {
			j := strings.Index(string(s[i:]), string(sub))
			if j < 0 {
				break
			}
			n++
			i += j
		}
	}
	m.add(satMul(n, termBytes))
}

// smallInt reads an integer argument that fits an int64.
func smallInt(t *ast.Term) (int64, bool) {
	n, ok := t.Value.(ast.Number)
	if !ok {
		return 0, false
	}
	i, err := strconv.ParseInt(string(n), 10, 64)
	return i, err == nil
}

// numCost is what working on a number costs: OPA converts it between decimal text and a big
// integer, which for d digits allocates about d²/128 bytes (measured on OPA v1.22.2: a product
// of two 100,000-digit numbers allocates 50 MB, of two 300,000-digit ones 411 MB), and writes
// the result out in full.
func numCost(t *ast.Term) int64 {
	n, ok := t.Value.(ast.Number)
	if !ok {
		return 0
	}
	d := numberCost(string(n))
	return d + satMul(d, d)/128
}

// numberCost is how many characters a number takes written out in full: its text, plus its
// decimal exponent (1e300 is 301 digits as an integer; a negative exponent counts too, as
// dividing by 1e-300 writes it out the other way).

func numberCost(s string) int64 {
	cost := int64(len(s))
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		e, err := strconv.ParseInt(strings.TrimPrefix(s[i+1:], "+"), 10, 64)
		if err != nil {
			return math.MaxInt64 / 4
		}
		if e < 0 {
			e = -e
		}
		cost += e
	}
	return cost
}

// needNumbers: arithmetic on numbers (or on the numbers of an array or set, for sum and
// product) builds a result about as long as its arguments written out together (a product of
// 300-digit numbers has 600), and the big integers it works with on the way.
func needNumbers(m *meter, a []*ast.Term) {
	for _, t := range a {
		switch t.Value.(type) {
		case ast.Number:
			m.add(satMul(2, numCost(t)))
		default:
			each(t, func(e *ast.Term) bool {
				m.add(satMul(2, numCost(e)))
				return m.full()
			})
		}
	}
}

// needShift: bits.lsh(x, s) is x with s more bits, written out in decimal.
func needShift(m *meter, a []*ast.Term) {
	needNumbers(m, a)
	if m.full() {
		return
	}
	if s, ok := a[1].Value.(ast.Number); ok {
		f, _, err := big.ParseFloat(string(s), 10, 64, big.ToZero)
		if err != nil {
			return
		}
		bits, _ := f.Int64()
		m.add(bits / 2)
	}
}

// needUnits: units.parse writes its number out in full, exponent included ("1e999999k", OPA
// allowing exponents of up to six digits), through a big rational.
func needUnits(m *meter, a []*ast.Term) {
	s, ok := a[0].Value.(ast.String)
	if !ok {
		return
	}
	str := string(s)
	d := int64(len(str)) + 20 // the unit's multiplier, up to 2^60
	for i := 0; i < len(str); i++ {
		if str[i] != 'e' && str[i] != 'E' {
			continue
		}
		j := i + 1
		if j < len(str) && (str[j] == '+' || str[j] == '-') {
			j++
		}
		k := j
		for k < len(str) && str[k] >= '0' && str[k] <= '9' {
			k++
		}
		if k > j {
			d += numberCost("1e" + str[j:k])
		}
	}
	m.add(d + satMul(d, d)/128)
}

// needRange: both bounds written out, then one element for each step between them.
func needRange(m *meter, a []*ast.Term) {
	for _, t := range a {
		m.add(numCost(t))
	}
	if m.full() {
		return
	}
	num := func(t *ast.Term) *big.Float {
		n, ok := t.Value.(ast.Number)
		if !ok {
			return nil
		}
		f, _, err := big.ParseFloat(string(n), 10, 64, big.ToZero)
		if err != nil {
			return nil
		}
		return f
	}
	lo, hi := num(a[0]), num(a[1])
	step := big.NewFloat(1)
	if len(a) > 2 {
		step = num(a[2])
	}
	if lo == nil || hi == nil || step == nil || step.Sign() == 0 {
		return
	}
	count := new(big.Float).Sub(hi, lo)
	count.Abs(count)
	count.Quo(count, new(big.Float).Abs(step))
	elems := int64(math.MaxInt64 / 4)
	if f, _ := count.Float64(); f < float64(elems) {
		elems = int64(f) + 1
	}
	m.add(satMul(elems, termBytes))
}

// needMarshalWithOptions: json.marshal, plus, when pretty, each element's line: the prefix and
// one indent for each level of depth (a tab by default).
func needMarshalWithOptions(m *meter, a []*ast.Term) {
	c := valueCost{json: true}
	if opts, ok := a[1].Value.(ast.Object); ok {
		pretty, indent, prefix := false, int64(1), int64(0)
		if v := opts.Get(ast.StringTerm("pretty")); v != nil {
			b, _ := v.Value.(ast.Boolean)
			pretty = bool(b)
		}
		if v := opts.Get(ast.StringTerm("indent")); v != nil {
			if s, ok := v.Value.(ast.String); ok {
				indent, pretty = int64(len(s)), true
			}
		}
		if v := opts.Get(ast.StringTerm("prefix")); v != nil {
			if s, ok := v.Value.(ast.String); ok {
				prefix, pretty = int64(len(s)), true
			}
		}
		if pretty {
			c.indent, c.perLine = indent, prefix+1
		}
	}
	m.deep(a[0], c)
}

// refuseZone refuses a time given with a time zone other than UTC: [ns, "Local"] reads the
// host's TZ, [ns, "Europe/Paris"] the host's zoneinfo files.
func refuseZone(args []*ast.Term) string {
	for _, a := range args {
		arr, ok := a.Value.(*ast.Array)
		if !ok || arr.Len() < 2 {
			continue
		}
		if tz, ok := arr.Elem(1).Value.(ast.String); ok && tz != "" && tz != "UTC" {
			return "would read a time zone from the host (custom policies compute times in UTC)"
		}
	}
	return ""
}
