// Package strength decides whether a secret's value is guessable, with zxcvbn, Dropbox's
// password-strength estimator (github.com/trustelem/zxcvbn, a port that gives the same scores
// as zxcvbn 4.4.2 on the same dictionaries: 30,000 common passwords, names, English words,
// keyboard runs, dates, repeats and sequences). Scanners compute it once per value, through a
// Rater per document (a bounded number of ratings), and hand rules the answer as a plain field
// (`weak`), so no rule ever needs the value's strength again.
//
// A value is guessable when zxcvbn's score is 0 or 1: fewer than a million guesses
// ("supersecret", "123", "admin", "P@ssw0rd!", "summer", a six-letter word). Random values of
// ten characters or more never are (zxcvbn's own brute-force floor is 10^length guesses), nor
// are passphrases of several words.
package strength

import (
	"crypto/sha256"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/deploylint/deploylint/secret"

	"github.com/trustelem/zxcvbn"
)

// MaxRated is the longest value (in bytes) that is rated. zxcvbn's cost grows with the cube
// of the length (about 5 ms at 24 characters, 20 ms at 32 on a busy core), and the only long
// values it rates guessable are repetitions and keyboard or alphabet runs: a longer value is
// never called guessable.
const MaxRated = 24

// guessableScore is the highest zxcvbn score that counts as guessable: score 1 means fewer
// than 10^6 guesses ("very guessable: protection from throttled online attacks" only), which
// a network service such as Redis or Postgres answers in minutes.
const guessableScore = 1

// Guessable reports whether zxcvbn rates value guessable. The empty value is not rated (it is
// its own finding), nor are values longer than MaxRated or not valid UTF-8.
func Guessable(value string) bool { return (&Rater{left: 1}).Guessable(value) }

// rate runs the estimator; a panic inside it (it has none known) rates the value not guessable.
func rate(value string) (guessable bool) {
	defer func() {
		if recover() != nil {
			guessable = false
		}
	}()
	return zxcvbn.PasswordStrength(value, nil).Score <= guessableScore
}

// SecretNamePattern is the regular expression of secret-holding names: secret_name_pattern of
// the policies' defaults.json (a test keeps the two equal), the names whose values rules judge
// as secrets, so only those are rated.
const SecretNamePattern = `(?i)(PASSWORD|PASSWD|PASS|_PW|^PW|SECRET|SECRET_KEY|TOKEN|API_KEY|ACCESS_KEY|PRIVATE_KEY)$`

// SecretName reports whether a variable or key name conventionally holds a secret, as the
// rules decide it (package secret owns the list; a test checks it against the pattern).
func SecretName(name string) bool { return secret.RuleName(name) }

// WeakSecret reports whether name holds a secret and value is guessable: the fact scanners
// attach to a value as `weak`. A boolean value is a switch whose name happens to end like a
// secret's (MYSQL_ALLOW_EMPTY_PASSWORD=yes, MARIADB_RANDOM_ROOT_PASSWORD=1), not a password.
func WeakSecret(name, value string) bool { return (&Rater{left: 1}).WeakSecret(name, value) }

// Switch reports whether value is a boolean as configuration files write one.
func Switch(value string) bool {
	if len(value) > 3*5 { // lowering shrinks a character to a third of its bytes at most
		return false
	}
	switch strings.ToLower(value) {
	case "0", "1", "true", "false", "yes", "no", "on", "off", "y", "n":
		return true
	}
	return false
}

// Rater rates the values of one document within a budget, so a hostile file with thousands
// of secrets costs a bounded time (zxcvbn takes up to a few milliseconds a value): once the
// budget is spent, further values are not rated (never called guessable). The budget counts
// the document's distinct values, whether the process remembers an answer or computes it, so
// that which values are rated depends on the document alone: not on what else the process
// (or a document evaluated beside it) rated first.
type Rater struct {
	left int
	// seen holds the answers given for this document's values, so a repeated value is
	// answered again at no cost to the budget.
	seen map[[32]byte]bool
}

// DocumentBudget is how many values one document may have rated: far more secrets than any
// real file holds.
const DocumentBudget = 128

// NewRater returns a Rater with DocumentBudget ratings.
func NewRater() *Rater { return &Rater{left: DocumentBudget} }

// Guessable is the package's Guessable within the budget.
func (r *Rater) Guessable(value string) bool {
	if value == "" || len(value) > MaxRated || !utf8.ValidString(value) {
		return false
	}
	key := sha256.Sum256([]byte(value))
	if v, ok := r.seen[key]; ok {
		return v
	}
	if r.left <= 0 {
		return false
	}
	r.left--
	v, ok := memo.get(key)
	if !ok {
		v = rate(value)
		memo.put(key, v)
	}
	if r.seen == nil {
		r.seen = map[[32]byte]bool{}
	}
	r.seen[key] = v
	return v
}

// WeakSecret is the package's WeakSecret within the budget.
func (r *Rater) WeakSecret(name, value string) bool {
	return SecretName(name) && !Switch(value) && r.Guessable(value)
}

// memo remembers the answers of one process by the value's SHA-256 (the values themselves are
// not kept): a compose file and its .env rate the same values, and monorepos repeat them.
var memo = &cache{m: map[[32]byte]bool{}}

// maxMemo bounds the memo; it starts afresh when full.
const maxMemo = 4096

type cache struct {
	mu sync.Mutex
	m  map[[32]byte]bool
}

func (c *cache) get(k [32]byte) (bool, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[k]
	return v, ok
}

func (c *cache) put(k [32]byte, v bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= maxMemo {
		c.m = map[[32]byte]bool{}
	}
	c.m[k] = v
}
