package rules

import (
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// resultHelpers is the package of the functions that build a rule's results.
var resultHelpers = ast.MustParseRef("data.deploylint.lib.result")

// uncachedResults is OPA's cache of virtual documents and function calls, less the calls of
// the result helpers. OPA keeps every function call's value under its arguments, and a result's
// arguments (its path and message) are all different: a file of 100,000 findings filled the
// cache with 100,000 entries that no later call could hit, hashing each on the way in.
type uncachedResults struct {
	topdown.VirtualCache
}

func newVirtualCache() topdown.VirtualCache {
	return uncachedResults{topdown.NewVirtualCache()}
}

func (c uncachedResults) Get(ref ast.Ref) (*ast.Term, bool) {
	if isResultCall(ref) {
		return nil, false
	}
	return c.VirtualCache.Get(ref)
}

func (c uncachedResults) Put(ref ast.Ref, value *ast.Term) {
	if !isResultCall(ref) {
		c.VirtualCache.Put(ref, value)
	}
}

// isResultCall is whether a cache key is a call of a result helper: a function call's key is
// the function's reference followed by its arguments.
func isResultCall(ref ast.Ref) bool {
	if len(ref) == 0 {
		return false
	}
	fn, ok := ref[0].Value.(ast.Ref)
	return ok && fn.HasPrefix(resultHelpers)
}
