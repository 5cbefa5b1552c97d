package rules

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"text/template"
	"text/template/parse"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"
	"github.com/open-policy-agent/opa/v1/topdown/builtins"
)

// Two built-ins cannot be bounded from their arguments, because what they build depends on
// work only running them tells: a template's loops, a graph's paths. Their twins are
// OPA v1.22.2's implementations (topdown/template.go and topdown/reachable.go) again, counting
// on the call's meter as they build and checking the evaluation's cancellation, which OPA's
// own never do: `{{range 100000000000}}{{end}}` would otherwise run for hours inside one step.

// errCancelled stops a twin's own implementation when the evaluation is cancelled.
var errCancelled = errors.New("cancelled")

// runRenderTemplate is strings.render_template: text/template with every list of nodes (a
// range's body, a branch, a template) first calling a tick that counts on the meter and checks
// cancellation, the formatting functions counted before they run, and the output counted as it
// is written.
func runRenderTemplate(bctx topdown.BuiltinContext, m *meter, a []*ast.Term) (*ast.Term, error) {
	src, err := builtins.StringOperand(a[0].Value, 1)
	if err != nil {
		return nil, err
	}
	obj, err := builtins.ObjectOperand(a[1].Value, 2)
	if err != nil {
		return nil, err
	}
	var vars map[string]any
	if err := ast.As(obj, &vars); err != nil {
		return nil, err
	}
	run := &templateRun{m: m, cancel: bctx.Cancel}
	tmpl, err := template.New("template").Funcs(run.funcs()).Parse(string(src))
	if err != nil {
		return nil, err
	}
	tick, err := template.New("tick").Funcs(run.funcs()).Parse("{{" + tickFunc + "}}")
	if err != nil {
		return nil, err
	}
	run.tick = tick.Root.Nodes[0]
	for _, t := range tmpl.Templates() {
		if t.Tree != nil {
			run.instrument(t.Root)
		}
	}
	out := &meteredBuffer{m: m}
	if err := tmpl.Execute(out, vars); err != nil {
		if errors.Is(err, errCancelled) {
			return nil, topdown.Halt{Err: &topdown.Error{Code: topdown.CancelErr, Message: "strings.render_template: timed out before finishing", Location: bctx.Location}}
		}
		return nil, err
	}
	return ast.StringTerm(strings.ReplaceAll(out.buf.String(), "<no value>", "<undefined>")), nil
}

// tickFunc is the template function the twin puts at the head of every list of nodes.
const tickFunc = "deploylint_tick"

type templateRun struct {
	m      *meter
	cancel topdown.Cancel
	tick   parse.Node
}

// instrument puts the tick first in every list of nodes under n.
func (r *templateRun) instrument(n parse.Node) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			r.instrument(c)
		}
		n.Nodes = append([]parse.Node{r.tick}, n.Nodes...)
	case *parse.IfNode:
		r.instrument(n.List)
		r.instrument(n.ElseList)
	case *parse.RangeNode:
		r.instrument(n.List)
		r.instrument(n.ElseList)
	case *parse.WithNode:
		r.instrument(n.List)
		r.instrument(n.ElseList)
	}
}

// funcs replaces the template built-ins whose result can be larger than their arguments.
func (r *templateRun) funcs() template.FuncMap {
	counted := func(factor int64, f func(...any) string) func(...any) (string, error) {
		return func(args ...any) (string, error) {
			if err := r.spend(satMul(factor, goCost(args, r.m.max))); err != nil {
				return "", err
			}
			return f(args...), nil
		}
	}
	return template.FuncMap{
		tickFunc: func() (string, error) { return "", r.spend(termBytes) },
		"printf": func(format string, args ...any) (string, error) {
			verbs, widths, star, indexed := scanFormat(format)
			written := satMul(4, goCost(args, r.m.max))
			need := int64(len(format)) + widths + written
			if star {
				need += satMul(verbs, maxFmtWidth)
			}
			if indexed {
				need += satMul(written, verbs)
			}
			if err := r.spend(need); err != nil {
				return "", err
			}
			return fmt.Sprintf(format, args...), nil
		},
		"print":    counted(1, fmt.Sprint),
		"println":  counted(1, fmt.Sprintln),
		"html":     counted(6, template.HTMLEscaper),
		"js":       counted(10, template.JSEscaper),
		"urlquery": counted(3, template.URLQueryEscaper),
	}
}

func (r *templateRun) spend(n int64) error {
	if r.cancel != nil && r.cancel.Cancelled() {
		return errCancelled
	}
	r.m.add(n)
	if r.m.full() {
		return errMeterFull
	}
	return nil
}

// goCost is what fmt writes for values decoded from Rego (strings, numbers, booleans, nil,
// []any and map[string]any), counted no further than limit.
func goCost(v any, limit int64) int64 {
	m := &meter{max: limit}
	var walk func(any)
	walk = func(v any) {
		if m.full() {
			return
		}
		m.add(8)
		switch v := v.(type) {
		case string:
			m.add(int64(len(v)))
		case fmt.Stringer:
			m.add(int64(len(v.String())))
		case []any:
			for _, e := range v {
				walk(e)
			}
		case map[string]any:
			for k, e := range v {
				m.add(int64(len(k)))
				walk(e)
			}
		default:
			m.add(32)
		}
	}
	walk(v)
	return m.n
}

// meteredBuffer is the template's output, counted as it is written.
type meteredBuffer struct {
	m   *meter
	buf bytes.Buffer
}

func (w *meteredBuffer) Write(p []byte) (int, error) {
	w.m.add(int64(len(p)))
	if w.m.full() {
		return 0, errMeterFull
	}
	return w.buf.Write(p)
}

// runReachablePaths is graph.reachable_paths: every path from the initial nodes that does not
// visit a node twice, which in a dense graph is exponentially many.
func runReachablePaths(bctx topdown.BuiltinContext, m *meter, a []*ast.Term) (*ast.Term, error) {
	graph, err := builtins.ObjectOperand(a[0].Value, 1)
	if err != nil {
		return nil, err
	}
	var queue []*ast.Term
	switch initial := a[1].Value.(type) {
	case *ast.Array:
		initial.Foreach(func(t *ast.Term) { queue = append(queue, t) })
	case ast.Set:
		queue = append(queue, initial.Slice()...)
	default:
		return nil, builtins.NewOperandTypeErr(2, initial, "{array, set}")
	}
	result := ast.NewSet()
	commit := func(path []*ast.Term) error {
		m.add(satMul(int64(len(path)), 16) + termBytes)
		if m.full() {
			return errMeterFull
		}
		result.Add(ast.ArrayTerm(path...))
		return nil
	}
	var build func(root *ast.Term, path []*ast.Term, reached ast.Set) error
	build = func(root *ast.Term, path []*ast.Term, reached ast.Set) error {
		if bctx.Cancel != nil && bctx.Cancel.Cancelled() {
			return topdown.Halt{Err: &topdown.Error{Code: topdown.CancelErr, Message: "graph.reachable_paths: timed out before finishing", Location: bctx.Location}}
		}
		edges := graph.Get(root)
		if edges == nil {
			return commit(path) // a node outside the graph ends the path before it
		}
		path = append(path, root)
		if vertexCount(edges) == 0 {
			return commit(path)
		}
		// The copies of the path and of the set of reached nodes.
		m.add(satMul(int64(len(path)), 64))
		if m.full() {
			return errMeterFull
		}
		reached = reached.Copy()
		reached.Add(root)
		return eachVertex(edges, func(next *ast.Term) error {
			if reached.Contains(next) {
				return commit(path) // a cycle
			}
			return build(next, append([]*ast.Term(nil), path...), reached)
		})
	}
	for _, node := range queue {
		edges := graph.Get(node)
		if edges == nil {
			continue
		}
		if vertexCount(edges) == 0 {
			if err := commit([]*ast.Term{node}); err != nil {
				return nil, err
			}
			continue
		}
		err := eachVertex(edges, func(next *ast.Term) error {
			return build(next, []*ast.Term{node}, ast.NewSet(node))
		})
		if err != nil {
			return nil, err
		}
	}
	return ast.NewTerm(result), nil
}

func vertexCount(t *ast.Term) int {
	switch v := t.Value.(type) {
	case ast.Set:
		return v.Len()
	case *ast.Array:
		return v.Len()
	}
	return 0
}

// eachVertex calls f on each element of a set or array of vertices, stopping at an error.
func eachVertex(t *ast.Term, f func(*ast.Term) error) error {
	var err error
	stop := func(v *ast.Term) bool {
		err = f(v)
		return err != nil
	}
	switch v := t.Value.(type) {
	case ast.Set:
		v.Until(stop)
	case *ast.Array:
		v.Until(stop)
	}
	return err
}
