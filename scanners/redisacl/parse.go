package redisacl

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/secret"
)

// token is one space-separated word of a line, after selector merging, with its byte range.
type token struct {
	text       string
	start, end int // offsets in the file
}

type keyPattern struct {
	pattern string
	perm    string
	token   int
}

type channelPattern struct {
	pattern string
	token   int
}

// selector is a set of key, channel and command permissions.
type selector struct {
	allkeys      bool
	keys         []keyPattern
	allchannels  bool
	channels     []channelPattern
	allcommands  bool
	commandRules []string
}

type password struct {
	form   string // "hash" or "cleartext"
	sha256 string
	token  int
}

type passwordOp struct {
	op     string
	token  int
	sha256 string
}

// user is the state Redis builds from one line.
type user struct {
	name      string
	line      int
	lineStart int
	lineEnd   int
	nameTok   token
	tokens    []token
	enabled   bool
	nopass    bool
	flags     []string
	passwords []password
	cleartext []passwordOp
	hashes    []passwordOp
	root      *selector
	selectors []*selector
}

// loadError is a reason Redis refuses the file.
type loadError struct {
	line  int
	token int // -1: the whole line
	msg   string
	start int
	end   int
}

func newSelector() *selector { return &selector{} }

func sha(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

func isHash(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range s {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// Parse reads an ACL file as Redis 7 loads it.
func (s *Scanner) Parse(path string, src []byte) (*scanners.Document, error) {
	text := string(src)
	li := scanners.NewLineIndex(text)
	lines := splitLines(text)
	var users []*user
	var errs []loadError
	var secrets []secret.Span
	seen := map[string]int{}
	for i, ln := range lines {
		lineNo := i + 1
		body, off := trimLine(ln.text)
		if body == "" {
			continue
		}
		start := ln.start + off
		words := splitSpaces(body, start)
		if words[0].text != "user" || len(words) < 2 {
			// Redis refuses the line; it may still be a rule commented out ("#user x >pw").
			for _, sp := range secret.ScanLines([]byte(body)) {
				sp.Line, sp.EndLine, sp.Column, sp.EndColumn = lineNo, lineNo, sp.Column+off, sp.EndColumn+off
				secrets = append(secrets, sp)
			}
			errs = append(errs, loadError{
				line: lineNo, token: -1, start: start, end: start + len(body),
				msg: "the line does not start with `user <name>`; Redis allows no comments or other lines in an ACL file",
			})
			continue
		}
		u := &user{name: words[1].text, line: lineNo, lineStart: start, lineEnd: start + len(body), nameTok: words[1]}
		merged, bad := mergeSelectors(words[2:])
		u.tokens = merged
		users = append(users, u)
		secrets = append(secrets, tokenSecrets(li, merged)...)
		if bad >= 0 {
			errs = append(errs, loadError{
				line: lineNo, token: bad, start: merged[bad].start, end: merged[bad].end,
				msg: "a selector opened with `(` is never closed with `)`",
			})
			continue
		}
		if strings.ContainsAny(u.name, " \t") {
			errs = append(errs, loadError{line: lineNo, token: -1, start: start, end: start + len(body), msg: "the user name contains spaces"})
			continue
		}
		if j, msg := s.apply(u); j >= 0 {
			errs = append(errs, loadError{line: lineNo, token: j, start: u.tokens[j].start, end: u.tokens[j].end, msg: msg})
			continue
		}
		if first, dup := seen[u.name]; dup {
			errs = append(errs, loadError{
				line: lineNo, token: -1, start: u.nameTok.start, end: u.nameTok.end,
				msg: fmt.Sprintf("user %q is already defined on line %d; Redis refuses duplicate users", u.name, first),
			})
			continue
		}
		seen[u.name] = lineNo
	}
	doc := buildDocument(path, li, users, errs)
	doc.Secrets = secrets
	return doc, nil
}

// tokenSecrets marks the password or hash of every rule of a user line that has one, and
// every rule Redis would refuse as a syntax error: a password written without its ">" is
// still a password (see secret.ACLToken).
func tokenSecrets(li *scanners.LineIndex, tokens []token) []secret.Span {
	var out []secret.Span
	for _, t := range tokens {
		if f, ok := secret.ACLToken(t.text); ok && t.end-t.start == len(t.text) {
			out = append(out, li.Secret(t.start+f.Start, t.start+f.End, t.text[f.Start:f.End]))
		}
	}
	return out
}

type rawLine struct {
	text  string
	start int
}

// splitLines splits on \n as Redis does (sdssplitlen on "\n").
func splitLines(text string) []rawLine {
	var out []rawLine
	start := 0
	for i := 0; i <= len(text); i++ {
		if i == len(text) || text[i] == '\n' {
			out = append(out, rawLine{text: text[start:i], start: start})
			start = i + 1
		}
	}
	return out
}

// trimLine trims " \t\r\n" from both ends and returns the offset of what remains.
func trimLine(l string) (string, int) {
	const cut = " \t\r\n"
	left := len(l) - len(strings.TrimLeft(l, cut))
	return strings.TrimRight(l[left:], cut), left
}

// splitSpaces splits on single spaces, keeping empty words, as sdssplitlen(" ") does.
func splitSpaces(body string, base int) []token {
	var out []token
	start := 0
	for i := 0; i <= len(body); i++ {
		if i == len(body) || body[i] == ' ' {
			w := body[start:i]
			// Redis trims tabs and CRs from each argument before applying it.
			l := len(w) - len(strings.TrimLeft(w, "\t\r\n"))
			w2 := strings.TrimRight(w[l:], "\t\r\n")
			out = append(out, token{text: w2, start: base + start + l, end: base + start + l + len(w2)})
			start = i + 1
		}
	}
	return out
}

// mergeSelectors joins `(` … `)` words into one token, as ACLMergeSelectorArguments does.
// bad is the index of an unclosed selector, or -1.
func mergeSelectors(words []token) ([]token, int) {
	var out []token
	open := -1
	// The words of an open selector are joined once it closes: appending to the token word by
	// word made a long unclosed selector quadratic (a second per 64 KiB line).
	var parts []string
	closeSelector := func() {
		out[open].text = strings.Join(parts, " ")
		open, parts = -1, nil
	}
	for _, w := range words {
		if open < 0 && strings.HasPrefix(w.text, "(") && !strings.HasSuffix(w.text, ")") {
			out = append(out, w)
			open = len(out) - 1
			parts = []string{w.text}
			continue
		}
		if open >= 0 {
			parts = append(parts, w.text)
			out[open].end = w.end
			if strings.HasSuffix(w.text, ")") {
				closeSelector()
			}
			continue
		}
		out = append(out, w)
	}
	if open < 0 {
		return out, -1
	}
	bad := open
	closeSelector()
	return out, bad
}

// apply runs the user's tokens left to right; it returns the index of the first token Redis
// refuses and why, or -1.
func (s *Scanner) apply(u *user) (int, string) {
	u.root = newSelector()
	for j, t := range u.tokens {
		op := t.text
		if op == "" {
			continue // an empty word (two spaces) is a no-op for Redis
		}
		lower := strings.ToLower(op)
		switch {
		case lower == "on":
			u.enabled = true
		case lower == "off":
			u.enabled = false
		case lower == "skip-sanitize-payload", lower == "sanitize-payload":
			u.flags = []string{lower}
		case lower == "nopass":
			u.nopass = true
			u.passwords = nil
		case lower == "resetpass":
			u.nopass = false
			u.passwords = nil
		case op[0] == '>':
			h := sha(op[1:])
			u.cleartext = append(u.cleartext, passwordOp{op: ">", token: j, sha256: h})
			u.addPassword(password{form: "cleartext", sha256: h, token: j})
		case op[0] == '#':
			h := op[1:]
			if !isHash(h) {
				return j, "a password hash must be exactly 64 lowercase hexadecimal characters"
			}
			u.hashes = append(u.hashes, passwordOp{op: "#", token: j, sha256: h})
			u.addPassword(password{form: "hash", sha256: h, token: j})
		case op[0] == '<' || op[0] == '!':
			h := op[1:]
			if op[0] == '<' {
				h = sha(op[1:])
				u.cleartext = append(u.cleartext, passwordOp{op: "<", token: j, sha256: h})
			} else {
				if !isHash(h) {
					return j, "a password hash must be exactly 64 lowercase hexadecimal characters"
				}
				u.hashes = append(u.hashes, passwordOp{op: "!", token: j, sha256: h})
			}
			if !u.removePassword(h) {
				return j, "this removes a password the user does not have"
			}
			u.nopass = false
		case lower == "reset":
			u.passwords, u.nopass, u.enabled = nil, false, false
			u.root = newSelector()
			u.selectors = nil
			u.flags = []string{"sanitize-payload"}
		case lower == "clearselectors":
			u.selectors = nil
		case op[0] == '(' && op[len(op)-1] == ')':
			sel := newSelector()
			for _, part := range strings.Fields(op[1 : len(op)-1]) {
				if msg := s.applySelector(sel, part, j); msg != "" {
					return j, msg
				}
			}
			u.selectors = append(u.selectors, sel)
		default:
			if msg := s.applySelector(u.root, op, j); msg != "" {
				return j, msg
			}
		}
	}
	return -1, ""
}

func (u *user) addPassword(p password) {
	u.nopass = false
	for _, q := range u.passwords {
		if q.sha256 == p.sha256 {
			return
		}
	}
	u.passwords = append(u.passwords, p)
}

func (u *user) removePassword(h string) bool {
	for i, q := range u.passwords {
		if q.sha256 == h {
			u.passwords = append(u.passwords[:i], u.passwords[i+1:]...)
			return true
		}
	}
	return false
}

const syntaxError = "Redis does not know this ACL rule (syntax error)"

// applySelector applies one key, channel or command rule; it returns why Redis refuses it.
func (s *Scanner) applySelector(sel *selector, op string, j int) string {
	lower := strings.ToLower(op)
	switch {
	case lower == "allkeys":
		sel.allkeys = true
		sel.keys = []keyPattern{{pattern: "*", perm: "RW", token: j}}
	case lower == "resetkeys":
		sel.allkeys = false
		sel.keys = nil
	case op[0] == '~' || op[0] == '%':
		perm := "RW"
		pat := op[1:]
		if op[0] == '%' {
			flags, rest, ok := strings.Cut(op[1:], "~")
			if !ok || flags == "" {
				return syntaxError
			}
			r, w := false, false
			for _, c := range flags {
				switch c {
				case 'R', 'r':
					r = true
				case 'W', 'w':
					w = true
				default:
					return syntaxError
				}
			}
			perm = map[[2]bool]string{{true, false}: "R", {false, true}: "W", {true, true}: "RW"}[[2]bool{r, w}]
			pat = rest
		}
		if sel.allkeys {
			return "a key pattern after `allkeys` or `~*` is refused by Redis; use `resetkeys` first"
		}
		if pat == "*" && perm == "RW" {
			sel.allkeys = true
			sel.keys = []keyPattern{{pattern: "*", perm: "RW", token: j}}
			return ""
		}
		for i, k := range sel.keys {
			if k.pattern == pat {
				sel.keys[i].perm = mergePerm(k.perm, perm)
				return ""
			}
		}
		sel.keys = append(sel.keys, keyPattern{pattern: pat, perm: perm, token: j})
	case lower == "allchannels":
		sel.allchannels = true
		sel.channels = []channelPattern{{pattern: "*", token: j}}
	case lower == "resetchannels":
		sel.allchannels = false
		sel.channels = nil
	case op[0] == '&':
		if sel.allchannels {
			return "a channel pattern after `allchannels` or `&*` is refused by Redis; use `resetchannels` first"
		}
		if op[1:] == "*" {
			sel.allchannels = true
			sel.channels = []channelPattern{{pattern: "*", token: j}}
			return ""
		}
		for _, c := range sel.channels {
			if c.pattern == op[1:] {
				return ""
			}
		}
		sel.channels = append(sel.channels, channelPattern{pattern: op[1:], token: j})
	case lower == "allcommands" || lower == "+@all":
		sel.allcommands = true
		sel.commandRules = nil
	case lower == "nocommands" || lower == "-@all":
		sel.allcommands = false
		sel.commandRules = nil
	case op[0] == '+' || op[0] == '-':
		target := lower[1:]
		if strings.HasPrefix(target, "@") {
			if !s.table.categories[target[1:]] {
				return "Redis has no ACL category of this name"
			}
		} else if msg := s.checkCommand(target, op[0] == '+'); msg != "" {
			return msg
		}
		sel.commandRules = updateRules(sel.commandRules, op[:1]+target)
	default:
		return syntaxError
	}
	return ""
}

func mergePerm(a, b string) string {
	if a == b {
		return a
	}
	return "RW"
}

// checkCommand validates a command, `container|subcommand` or `command|first-arg` name.
func (s *Scanner) checkCommand(target string, allow bool) string {
	name, arg, hasArg := strings.Cut(target, "|")
	if _, ok := s.table.commands[name]; !ok {
		return "Redis has no command of this name"
	}
	if !hasArg {
		return ""
	}
	if s.table.containers[name] {
		if strings.Contains(arg, "|") {
			return "Redis does not support first-arg rules on a subcommand"
		}
		if _, ok := s.table.commands[target]; !ok {
			return "Redis has no subcommand of this name"
		}
		return ""
	}
	if !allow {
		return "Redis does not support blocking a command by its first argument"
	}
	if arg == "" || strings.Contains(arg, "|") {
		return syntaxError
	}
	return ""
}

// updateRules appends a rule and drops earlier rules for the same command or category (and
// for its subcommands): the later rule decides for all of them, so the effect is unchanged and
// rules read as Redis keeps them.
func updateRules(rules []string, rule string) []string {
	target := rule[1:]
	out := rules[:0:0]
	for _, r := range rules {
		t := r[1:]
		if t == target || strings.HasPrefix(t, target+"|") {
			continue
		}
		out = append(out, r)
	}
	return append(out, rule)
}
