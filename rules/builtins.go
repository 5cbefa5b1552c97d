package rules

import (
	"context"
	"crypto/subtle"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/GehirnInc/crypt"
	_ "github.com/GehirnInc/crypt/sha512_crypt" // registers $6$, the hash DC/OS asks for
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/tester"
	"github.com/open-policy-agent/opa/v1/types"
)

// cryptMatches is the one built-in deploylint adds to Rego: whether a crypt(3) SHA-512 hash
// ($6$…) is the hash of a given password. Rego has no crypt, and a hashed default
// (DC/OS superuser_password_hash of "admin") is still a default.
//
// The description and argument names reach policies/capabilities.json, where editors and
// regal read them.
var cryptMatchesDecl = &ast.Builtin{
	Name:        "deploylint.crypt_matches",
	Description: "Returns whether a crypt(3) SHA-512 hash ($6$...) is the hash of a password. A hash of another form, asking for more than 1,000,000 rounds, or beyond the scan's crypt work budget, matches nothing.",
	Decl: types.NewFunction(
		types.Args(
			types.Named("hash", types.S).Description("the crypt(3) hash, as written in the configuration"),
			types.Named("password", types.S).Description("the candidate password"),
		),
		types.Named("result", types.B).Description("true when hash is the SHA-512 crypt of password"),
	),
}

// maxCryptRounds bounds the work one hash can ask for. 656,000 is passlib's default and the
// largest seen in real configurations; crypt allows 999,999,999, which would let one hostile
// file hold a scan for hours.
const maxCryptRounds = 1_000_000

// cryptCache remembers results across documents and queries: the same hash in several files
// (or rules) is computed once, since a 656,000-round hash costs about a second per candidate.
type cryptCache struct{ m sync.Map }

func cryptMatchesFunc(cache *cryptCache) (*rego.Function, rego.Builtin2) {
	fn := &rego.Function{Name: cryptMatchesDecl.Name, Decl: cryptMatchesDecl.Decl, Memoize: true}
	impl := func(bctx rego.BuiltinContext, hash, password *ast.Term) (*ast.Term, error) {
		h, ok1 := hash.Value.(ast.String)
		p, ok2 := password.Value.(ast.String)
		if !ok1 || !ok2 || !strings.HasPrefix(string(h), "$6$") {
			return ast.BooleanTerm(false), nil
		}
		rounds := cryptRounds(string(h))
		if rounds > maxCryptRounds || !allowanceOf(bctx.Context).take(int64(rounds)) {
			return ast.BooleanTerm(false), nil
		}
		key := string(h) + "\x00" + string(p)
		if v, ok := cache.m.Load(key); ok {
			return ast.BooleanTerm(v.(bool)), nil
		}
		// Regenerate with the hash's own salt and rounds and compare: the library's Verify
		// rejects valid hashes written with rounds=1000.
		i := strings.LastIndex(string(h), "$")
		got, err := crypt.SHA512.New().Generate([]byte(p), []byte(string(h)[:i]))
		if err != nil {
			return ast.BooleanTerm(false), nil //nolint:nilerr // a malformed hash matches nothing
		}
		match := subtle.ConstantTimeCompare([]byte(got), []byte(h)) == 1
		cache.m.Store(key, match)
		return ast.BooleanTerm(match), nil
	}
	return fn, impl
}

// CryptAllowance is the SHA-512 crypt work, in rounds, that one document's evaluation may
// ask of deploylint.crypt_matches: the driver hands one to each document through the
// evaluation's context (WithCryptAllowance) out of a scan's total, so that many files of
// 1,000,000-round hashes, each checked against many candidate passwords, cost a bounded time
// and never stall the scan. A check the allowance cannot pay for matches nothing and marks the
// allowance Refused, which the driver reports. Every check is charged, whether or not the
// cache already knew its answer: what a document may check depends on its own allowance only,
// never on which other document happened to be judged first.
type CryptAllowance struct {
	left    atomic.Int64
	refused atomic.Bool
}

// NewCryptAllowance returns an allowance of rounds crypt rounds.
func NewCryptAllowance(rounds int64) *CryptAllowance {
	a := &CryptAllowance{}
	a.left.Store(rounds)
	return a
}

// Refused says whether a check was refused for want of allowance.
func (a *CryptAllowance) Refused() bool { return a != nil && a.refused.Load() }

// take charges n rounds, or refuses them all when they do not fit. A nil allowance (an
// evaluation outside a scan: deploylint test, the engine's own tests) charges nothing.
func (a *CryptAllowance) take(n int64) bool {
	if a == nil {
		return true
	}
	for {
		left := a.left.Load()
		if left < n {
			a.refused.Store(true)
			return false
		}
		if a.left.CompareAndSwap(left, left-n) {
			return true
		}
	}
}

type allowanceKey struct{}

// WithCryptAllowance returns ctx carrying a, for the evaluation of one document.
func WithCryptAllowance(ctx context.Context, a *CryptAllowance) context.Context {
	return context.WithValue(ctx, allowanceKey{}, a)
}

func allowanceOf(ctx context.Context) *CryptAllowance {
	if ctx == nil {
		return nil
	}
	a, _ := ctx.Value(allowanceKey{}).(*CryptAllowance)
	return a
}

// cryptRounds reads rounds=N from a $6$ hash; without it crypt uses 5,000.
func cryptRounds(h string) int {
	rest, ok := strings.CutPrefix(h, "$6$rounds=")
	if !ok {
		return 5000
	}
	n, _, _ := strings.Cut(rest, "$")
	r, err := strconv.Atoi(n)
	if err != nil {
		return maxCryptRounds + 1 // malformed: never computed
	}
	return r
}

func cryptMatchesOption(cache *cryptCache) func(*rego.Rego) {
	fn, impl := cryptMatchesFunc(cache)
	return rego.Function2(fn, impl)
}

func testerBuiltins() []*tester.Builtin {
	fn, impl := cryptMatchesFunc(&cryptCache{})
	return []*tester.Builtin{{Decl: cryptMatchesDecl, Func: rego.Function2(fn, impl)}}
}
