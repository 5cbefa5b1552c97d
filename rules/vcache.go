package rules

import (
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// uncachedCalls is OPA's cache of virtual documents and function calls, less the calls whose
// values no later call finds. OPA keeps every function call's value under its arguments:
//   - a result helper's arguments (a finding's path and message) are all different: a file of
//     100,000 findings filled the cache with entries no call could hit;
//   - a call given an object (a user, a directive, a service) is keyed by the whole object:
//     ACL011's two calls per user of a 100,000-user file took 14 of its 22 seconds, where
//     computing them again costs a few lookups.
//
// Calls on strings and numbers (is this value a default?) and the rules' own documents stay
// cached: those are asked again and again.
type uncachedCalls struct {
	topdown.VirtualCache
}

func newVirtualCache() topdown.VirtualCache {
	return uncachedCalls{topdown.NewVirtualCache()}
}

func (c uncachedCalls) Get(ref ast.Ref) (*ast.Term, bool) {
	if uncached(ref) {
		return nil, false
	}
	return c.VirtualCache.Get(ref)
}

func (c uncachedCalls) Put(ref ast.Ref, value *ast.Term) {
	if !uncached(ref) {
		c.VirtualCache.Put(ref, value)
	}
}

// uncached is whether a cache key is a call of a result helper or a call with an object
// among its arguments: a function call's key is the function's reference followed by its
// arguments, a document's key its reference.
func uncached(ref ast.Ref) bool {
	if len(ref) == 0 {
		return false
	}
	fn, ok := ref[0].Value.(ast.Ref)
	if !ok {
		return false
	}
	if isResultHelper(fn) {
		return true
	}
	for _, a := range ref[1:] {
		if _, ok := a.Value.(ast.Object); ok {
			return true
		}
	}
	return false
}

// isResultHelper is whether fn names a function of data.deploylint.lib.result.
func isResultHelper(fn ast.Ref) bool {
	if len(fn) < 5 || !fn[0].Equal(ast.DefaultRootDocument) {
		return false
	}
	for i, want := range []string{"deploylint", "lib", "result"} {
		if s, ok := fn[i+1].Value.(ast.String); !ok || string(s) != want {
			return false
		}
	}
	return true
}
