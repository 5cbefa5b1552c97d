package secret

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"
)

// Class is what deploylint knows of one string of a document: whether it stands in for a
// secret, is a public default or a notoriously weak password, is one of the organisation's own
// defaults, or is the name of a variable that holds a secret. Rules read it as input.values[s]
// (policies/lib/secrets.rego's class(s), whose definition in Rego it must match).
type Class struct {
	Placeholder bool // empty, or only a stand-in (changeme, <your password>, setYourKey)
	Shipped     bool // a default password a vendor publishes (openc3password, minioadmin)
	Weak        bool // on the list of notoriously weak passwords (123456, letmein)
	Org         bool // one of the organisation's own defaults (.deploylint.hcl); never printed
	SecretName  bool // conventionally names a secret (REDIS_PASSWORD, API_KEY)
}

// KnownDefault is whether a value is one a secret must not have: a shipped, weak or
// organisation default, or a placeholder other than the empty value.
func (c Class) KnownDefault(v string) bool {
	return c.Shipped || c.Weak || c.Org || c.Placeholder && v != ""
}

// Catalog classifies strings against the shipped defaults data
// (policies/deploylint/data/defaults) and the organisation's passwords: once per distinct
// string of a document, in Go, where each rule asking in Rego cost a regular expression per
// call.
type Catalog struct {
	shipped, weak, org, exact map[string]bool
	// public lists every public default the data names (ACL passwords of tutorials too),
	// for the table of their hashes (PublicDefaults).
	public []string
	// placeholder is matched against the lowered value, caseful against it as written.
	placeholder, caseful, name *regexp.Regexp
	maxWord                    int
	// memo remembers the classes of strings already classified: a deployment tree repeats
	// its keys, images and values across files and folders (a monorepo's copies of one
	// stack, every compose file's "restart: unless-stopped"), and the placeholder patterns
	// cost a regular-expression match per string, the largest part of converting a document.
	memo classMemo
}

// classMemo is a bounded map of classes, safe for the scan's workers; it starts afresh when
// full, so a tree of distinct values costs at most a map of maxMemo strings.
type classMemo struct {
	mu sync.Mutex
	m  map[string]Class
}

// maxMemo bounds the strings remembered (at most MaxLen bytes each).
const maxMemo = 1 << 14

func (m *classMemo) get(s string) (Class, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	c, ok := m.m[s]
	return c, ok
}

func (m *classMemo) put(s string, c Class) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.m == nil || len(m.m) >= maxMemo {
		m.m = make(map[string]Class, 256)
	}
	// A copy: s is often a slice of a whole file's text, which the memo must not keep alive.
	m.m[strings.Clone(s)] = c
}

// maxPlaceholder is the 256 characters beyond which secrets.rego matches no placeholder
// pattern.
const maxPlaceholder = 256

// NewCatalog builds the catalogue from the defaults document as the policies read it
// (data.deploylint.data.defaults, decoded from JSON) and the organisation's passwords.
func NewCatalog(defaults map[string]any, org []string) (*Catalog, error) {
	c := &Catalog{shipped: map[string]bool{}, weak: map[string]bool{}, org: map[string]bool{}, exact: map[string]bool{}}
	for name, s := range objects(defaults["services"]) {
		if name == "MINIO_ROOT_USER" || name == "MINIO_ACCESS_KEY" {
			continue // user names, not passwords
		}
		for _, v := range stringsOf(s["values"]) {
			c.shipped[v] = true
		}
	}
	cosmos := object(defaults["cosmos"])
	for _, group := range []string{"redis", "bucket", "service", "tsdb"} {
		for _, entry := range objects(cosmos[group]) {
			for _, v := range stringsOf(entry["values"]) {
				c.shipped[v] = true
			}
		}
	}
	for _, p := range list(defaults["acl_passwords"]) {
		po := object(p)
		src, _ := po["source"].(string)
		v, ok := po["value"].(string)
		if ok && !strings.HasPrefix(src, "a ") {
			c.shipped[v] = true
		}
		if ok && v != "" {
			c.public = append(c.public, v)
		}
	}
	for _, v := range stringsOf(defaults["weak_passwords"]) {
		c.weak[v] = true
	}
	for _, v := range org {
		if v != "" {
			c.org[v] = true
		}
	}
	ph := object(defaults["placeholders"])
	for _, w := range stringsOf(ph["exact"]) {
		c.exact[w] = true
		c.maxWord = max(c.maxWord, utf8.RuneCountInString(w))
	}
	for _, m := range []map[string]bool{c.shipped, c.weak, c.exact} {
		for v := range m {
			if v != "" {
				c.public = append(c.public, v)
			}
		}
	}
	var err error
	if c.placeholder, err = anyOf(stringsOf(ph["patterns"])); err != nil {
		return nil, fmt.Errorf("placeholder patterns: %w", err)
	}
	if c.caseful, err = anyOf(stringsOf(ph["case_patterns"])); err != nil {
		return nil, fmt.Errorf("placeholder case patterns: %w", err)
	}
	if p, ok := defaults["secret_name_pattern"].(string); ok {
		if c.name, err = regexp.Compile(p); err != nil {
			return nil, fmt.Errorf("secret name pattern: %w", err)
		}
	}
	return c, nil
}

// PublicDefaults lists every public value the defaults data says a password must not be:
// shipped, weak, from an ACL guide or tutorial, a placeholder word. It may repeat a value.
func (c *Catalog) PublicDefaults() []string { return c.public }

// MaxLen is the length in bytes past which a string's only possible class is SecretName:
// longer than every placeholder and every default the catalogue holds.
func (c *Catalog) MaxLen() int {
	n := utf8.UTFMax * maxPlaceholder
	for _, m := range []map[string]bool{c.shipped, c.weak, c.org} {
		for v := range m {
			n = max(n, len(v))
		}
	}
	return n
}

// Class classifies s. Every test reads s as written or trimmed, as secrets.rego does.
func (c *Catalog) Class(s string) Class {
	if len(s) > utf8.UTFMax*maxPlaceholder {
		return c.classify(s) // too long to be worth remembering, and rare
	}
	if cl, ok := c.memo.get(s); ok {
		return cl
	}
	cl := c.classify(s)
	c.memo.put(s, cl)
	return cl
}

func (c *Catalog) classify(s string) Class {
	cl := Class{Shipped: c.shipped[s], Weak: c.weak[s], Org: c.org[s], Placeholder: c.isPlaceholder(s)}
	cl.SecretName = c.name != nil && c.name.MatchString(s)
	return cl
}

// isPlaceholder follows secrets.rego's is_placeholder: empty; a word of the list, trimmed and
// lowered; or, for a value of at most 256 characters, a pattern on the trimmed value lowered or
// as written. Lengths are in characters, as Rego's count gives them, and a value too long to
// match is not lowered at all (a 100 MB value would be copied for nothing).
func (c *Catalog) isPlaceholder(s string) bool {
	if s == "" {
		return true
	}
	t := strings.TrimSpace(s)
	if len(t) <= utf8.UTFMax*c.maxWord && c.exact[strings.ToLower(t)] {
		return true
	}
	if len(s) > utf8.UTFMax*maxPlaceholder || utf8.RuneCountInString(s) > maxPlaceholder {
		return false
	}
	return c.placeholder != nil && c.placeholder.MatchString(strings.ToLower(t)) || c.caseful != nil && c.caseful.MatchString(t)
}

// anyOf compiles patterns as one alternation, each in a group of its own so that its flags stay
// its own; nil for none.
func anyOf(patterns []string) (*regexp.Regexp, error) {
	if len(patterns) == 0 {
		return nil, nil
	}
	parts := make([]string, len(patterns))
	for i, p := range patterns {
		parts[i] = "(?:" + p + ")"
	}
	return regexp.Compile(strings.Join(parts, "|"))
}

func object(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func objects(v any) map[string]map[string]any {
	out := map[string]map[string]any{}
	for k, e := range object(v) {
		if m, ok := e.(map[string]any); ok {
			out[k] = m
		}
	}
	return out
}

func list(v any) []any {
	l, _ := v.([]any)
	return l
}

func stringsOf(v any) []string {
	var out []string
	for _, e := range list(v) {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}
