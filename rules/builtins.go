package rules

import (
	"crypto/subtle"
	"strings"

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
var cryptMatchesDecl = &ast.Builtin{
	Name: "deploylint.crypt_matches",
	Decl: types.NewFunction(types.Args(types.S, types.S), types.B),
}

func cryptMatchesFunc() (*rego.Function, rego.Builtin2) {
	fn := &rego.Function{Name: cryptMatchesDecl.Name, Decl: cryptMatchesDecl.Decl, Memoize: true}
	impl := func(_ rego.BuiltinContext, hash, password *ast.Term) (*ast.Term, error) {
		h, ok1 := hash.Value.(ast.String)
		p, ok2 := password.Value.(ast.String)
		if !ok1 || !ok2 || !strings.HasPrefix(string(h), "$6$") {
			return ast.BooleanTerm(false), nil
		}
		// Regenerate with the hash's own salt and rounds and compare: the library's Verify
		// rejects valid hashes written with rounds=1000.
		i := strings.LastIndex(string(h), "$")
		got, err := crypt.SHA512.New().Generate([]byte(p), []byte(string(h)[:i]))
		if err != nil {
			return ast.BooleanTerm(false), nil //nolint:nilerr // a malformed hash matches nothing
		}
		return ast.BooleanTerm(subtle.ConstantTimeCompare([]byte(got), []byte(h)) == 1), nil
	}
	return fn, impl
}

func cryptMatchesOption() func(*rego.Rego) {
	fn, impl := cryptMatchesFunc()
	return rego.Function2(fn, impl)
}

func testerBuiltins() []*tester.Builtin {
	fn, impl := cryptMatchesFunc()
	return []*tester.Builtin{{Decl: cryptMatchesDecl, Func: rego.Function2(fn, impl)}}
}
