package rules

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"

	"github.com/deploylint/deploylint/secret"
)

// publicSHA256 is data.deploylint.facts.public_sha256: the SHA-256 (lowercase hex) of every
// public password a Redis ACL must not hash (the catalogue's public defaults), each quoted as its
// finding names it. It is computed once per engine, where policies/lib/redisacl.rego hashed
// every default for every users.acl it judged (public_sha256_of, its definition, which plain
// opa uses and facts_test.go compares).
func publicSHA256(cat *secret.Catalog) map[string]any {
	out := map[string]any{}
	for _, v := range cat.PublicDefaults() {
		h := sha256.Sum256([]byte(v))
		out[hex.EncodeToString(h[:])] = strconv.Quote(v)
	}
	return out
}
