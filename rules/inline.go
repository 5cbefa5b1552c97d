package rules

import (
	"github.com/open-policy-agent/opa/v1/ast"
)

// A constructor is a function that only builds a value from its arguments, as the result
// helpers do: `at(path, msg) := {"path": path, "msg": msg, "anchor": "value"}`. OPA evaluates
// each call as a call (a child evaluation, its arguments unified, its value cached under them),
// which was half the cost of a rule that reports 100,000 findings. inlineConstructors writes
// each call of one as the value it builds, before compiling: the same value, found the same
// way, as a literal.
type constructor struct {
	params []ast.Var
	value  *ast.Term
}

// inlineConstructors returns the modules with every call of a constructor among them replaced
// by the constructor's value, its parameters replaced by the call's arguments. The modules
// given are left as they are. A function is a constructor when it has one definition, no
// default and no else, distinct variables for parameters, no body, and a value of scalars,
// arrays, objects and sets over its parameters only. A function that some `with` replaces is
// left a call, as is any call of a function a module defines with the same name as an import.
func inlineConstructors(mods map[string]*ast.Module) map[string]*ast.Module {
	ctors := constructors(mods)
	if len(ctors) == 0 {
		return mods
	}
	out := make(map[string]*ast.Module, len(mods))
	for f, m := range mods {
		c := m.Copy()
		aliases := importAliases(c)
		_, _ = ast.Transform(ast.NewGenericTransformer(func(x any) (any, error) {
			call, ok := x.(ast.Call)
			if !ok || len(call) == 0 {
				return x, nil
			}
			name, ok := calledFunction(call[0], aliases)
			if !ok {
				return x, nil
			}
			k, ok := ctors[name]
			if !ok || len(call)-1 != len(k.params) || holdsComprehension(call[1:]) {
				return x, nil
			}
			return substitute(k, call[1:]), nil
		}), c)
		out[f] = c
	}
	return out
}

// constructors finds the constructors of the modules, by their full reference.
func constructors(mods map[string]*ast.Module) map[string]constructor {
	defs := map[string]int{}
	replaced := map[string]bool{}
	for _, m := range mods {
		for _, r := range m.Rules {
			defs[m.Package.Path.Extend(r.Head.Ref()).String()]++
		}
		aliases := importAliases(m)
		ast.WalkExprs(m, func(x *ast.Expr) bool {
			for _, w := range x.With {
				if name, ok := calledFunction(w.Target, aliases); ok {
					replaced[name] = true
				}
			}
			return false
		})
	}
	out := map[string]constructor{}
	for _, m := range mods {
		for _, r := range m.Rules {
			full := m.Package.Path.Extend(r.Head.Ref()).String()
			if defs[full] != 1 || replaced[full] {
				continue
			}
			if k, ok := asConstructor(r); ok {
				out[full] = k
			}
		}
	}
	return out
}

// asConstructor is the constructor a rule defines, if it is one.
func asConstructor(r *ast.Rule) (constructor, bool) {
	h := r.Head
	if len(h.Args) == 0 || h.Value == nil || r.Default || r.Else != nil || len(r.Head.Ref()) != 1 {
		return constructor{}, false
	}
	if !bodiless(r.Body) {
		return constructor{}, false
	}
	params := make([]ast.Var, 0, len(h.Args))
	seen := map[ast.Var]bool{}
	for _, a := range h.Args {
		v, ok := a.Value.(ast.Var)
		if !ok || seen[v] || v.IsWildcard() {
			return constructor{}, false
		}
		seen[v] = true
		params = append(params, v)
	}
	if !builtOnly(h.Value, seen) {
		return constructor{}, false
	}
	return constructor{params: params, value: h.Value}, true
}

// bodiless is whether a rule's body is the `true` the parser gives a rule written without one.
func bodiless(b ast.Body) bool {
	if len(b) != 1 || b[0].Negated || len(b[0].With) > 0 {
		return false
	}
	t, ok := b[0].Terms.(*ast.Term)
	return ok && ast.Boolean(true).Equal(t.Value)
}

// builtOnly is whether a term is made of scalars, arrays, objects and sets, and of the
// variables in params.
func builtOnly(t *ast.Term, params map[ast.Var]bool) bool {
	ok := true
	ast.WalkTerms(t, func(x *ast.Term) bool {
		switch v := x.Value.(type) {
		case ast.Null, ast.Boolean, ast.Number, ast.String, *ast.Array, ast.Object, ast.Set:
		case ast.Var:
			ok = ok && params[v]
		default:
			ok = false
		}
		return !ok
	})
	return ok
}

// substitute is the constructor's value with its parameters replaced by args. The arguments
// are not searched for parameters: a caller's variable may bear a parameter's name.
func substitute(k constructor, args []*ast.Term) ast.Value {
	by := make(map[ast.Var]*ast.Term, len(args))
	for i, p := range k.params {
		by[p] = args[i]
	}
	return substituted(k.value, by).Value
}

func substituted(t *ast.Term, by map[ast.Var]*ast.Term) *ast.Term {
	sub := func(e *ast.Term) *ast.Term { return substituted(e, by) }
	var v ast.Value
	switch x := t.Value.(type) {
	case ast.Var:
		return by[x].Copy()
	case *ast.Array:
		terms := make([]*ast.Term, x.Len())
		for i := range terms {
			terms[i] = sub(x.Elem(i))
		}
		v = ast.NewArray(terms...)
	case ast.Object:
		pairs := make([][2]*ast.Term, 0, x.Len())
		x.Foreach(func(key, val *ast.Term) {
			pairs = append(pairs, [2]*ast.Term{sub(key), sub(val)})
		})
		v = ast.NewObject(pairs...)
	case ast.Set:
		var terms []*ast.Term
		x.Foreach(func(e *ast.Term) { terms = append(terms, sub(e)) })
		v = ast.NewSet(terms...)
	default:
		return t.Copy()
	}
	return &ast.Term{Value: v, Location: t.Location}
}

// holdsComprehension is whether an argument holds a comprehension: its variables would be
// unsafe where a rule's head holds the value, whereas a call's arguments move to its body.
func holdsComprehension(args []*ast.Term) bool {
	found := false
	for _, a := range args {
		ast.WalkTerms(a, func(t *ast.Term) bool {
			switch t.Value.(type) {
			case *ast.ArrayComprehension, *ast.SetComprehension, *ast.ObjectComprehension:
				found = true
			}
			return found
		})
	}
	return found
}

// importAliases maps each name an import of the module binds to the data path it stands for.
func importAliases(m *ast.Module) map[ast.Var]ast.Ref {
	out := map[ast.Var]ast.Ref{}
	for _, imp := range m.Imports {
		path, ok := imp.Path.Value.(ast.Ref)
		if !ok || !path.HasPrefix(ast.DefaultRootRef) {
			continue
		}
		name := imp.Alias
		if name == "" {
			last, ok := path[len(path)-1].Value.(ast.String)
			if !ok {
				continue
			}
			name = ast.Var(last)
		}
		out[name] = path
	}
	return out
}

// calledFunction is the full reference a call's operator names, when it names a function
// through an import or in full; the module's own functions are called by a bare name, which
// a local variable could shadow, and are left alone.
func calledFunction(op *ast.Term, aliases map[ast.Var]ast.Ref) (string, bool) {
	ref, ok := op.Value.(ast.Ref)
	if !ok || len(ref) < 2 {
		return "", false
	}
	head, ok := ref[0].Value.(ast.Var)
	if !ok {
		return "", false
	}
	if head.Equal(ast.DefaultRootDocument.Value) {
		return ref.String(), true
	}
	path, ok := aliases[head]
	if !ok {
		return "", false
	}
	return path.Concat(ref[1:]).String(), true
}
