package rules

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
)

// publicSHA256 is data.deploylint.facts.public_sha256: the SHA-256 (lowercase hex) of every
// public password a Redis ACL must not hash (the shipped, weak and ACL-guide defaults and the
// placeholder words), each quoted as its finding names it. It is computed once per engine,
// where policies/lib/redisacl.rego hashed every default for every users.acl it judged
// (public_sha256_of, its definition, which plain opa uses and facts_test.go compares).
func publicSHA256(defaults map[string]any) map[string]any {
	out := map[string]any{}
	for _, v := range knownValues(defaults) {
		h := sha256.Sum256([]byte(v))
		out[hex.EncodeToString(h[:])] = strconv.Quote(v)
	}
	return out
}

// knownValues are the non-empty shipped defaults (services but their user names, COSMOS),
// weak passwords, ACL passwords of every source, and placeholder words.
func knownValues(defaults map[string]any) []string {
	var out []string
	strs := func(v any) {
		l, _ := v.([]any)
		for _, e := range l {
			if s, ok := e.(string); ok && s != "" {
				out = append(out, s)
			}
		}
	}
	services, _ := defaults["services"].(map[string]any)
	for name, s := range services {
		if name == "MINIO_ROOT_USER" || name == "MINIO_ACCESS_KEY" {
			continue
		}
		m, _ := s.(map[string]any)
		strs(m["values"])
	}
	cosmos, _ := defaults["cosmos"].(map[string]any)
	for _, group := range []string{"redis", "bucket", "service", "tsdb"} {
		entries, _ := cosmos[group].(map[string]any)
		for _, e := range entries {
			m, _ := e.(map[string]any)
			strs(m["values"])
		}
	}
	strs(defaults["weak_passwords"])
	acl, _ := defaults["acl_passwords"].([]any)
	for _, p := range acl {
		m, _ := p.(map[string]any)
		strs([]any{m["value"]})
	}
	ph, _ := defaults["placeholders"].(map[string]any)
	strs(ph["exact"])
	return out
}
