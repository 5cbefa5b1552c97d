package secret

import (
	"regexp"
	"sort"
	"strings"
)

// InText finds the secrets a string carries by its shape alone, whatever key it sits under:
// URL passwords, htpasswd hashes, private key bodies, the values of secret-named KEY=VALUE and
// KEY: VALUE pairs (query strings, JSON, list items, headers), and the arguments of
// secret-named command-line options. Parsers run it on the values they read; ScanLines on
// every line of a file they could not read. The result is sorted by Start; ranges may overlap.
func InText(s string) []Found {
	var out []Found
	out = append(out, URLPasswords(s)...)
	out = append(out, htpasswdHashes(s)...)
	out = append(out, PrivateKeys(s)...)
	out = append(out, Pairs(s)...)
	for _, f := range Args([]string{s}) {
		out = append(out, Found{Start: f.Start, End: f.End})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// URLPasswords finds the password of every URL with user information in s
// ("redis://user:PASSWORD@host"). The password runs to the last "@" of the URL, so one holding
// "/" or "@" is found whole; a reference ("${REDIS_PASSWORD}") is no password, nor is a port
// ("http://host:8080/a@b").
func URLPasswords(s string) []Found {
	var out []Found
	for off := 0; ; {
		i := strings.Index(s[off:], "://")
		if i < 0 {
			return out
		}
		i += off
		off = i + 3
		if i == 0 || !isAlnum(s[i-1]) {
			continue // no scheme before "://"
		}
		// A second URL glued to this one ("a://u:p@h,b://…") starts its own segment.
		limit := len(s)
		if next := strings.Index(s[off:], "://"); next >= 0 {
			limit = off + next
			for limit > off && (isAlnum(s[limit-1]) || strings.IndexByte("+.-", s[limit-1]) >= 0) {
				limit--
			}
		}
		end := off
		for end < limit && !strings.ContainsRune(" \t\r\n\"'`<>", rune(s[end])) {
			end++
		}
		seg := s[off:end]
		at := strings.LastIndexByte(seg, '@')
		if at < 0 {
			continue
		}
		userinfo := seg[:at]
		colon := strings.IndexByte(userinfo, ':')
		if colon < 0 || strings.ContainsAny(userinfo[:colon], "/?#") {
			continue
		}
		pw := userinfo[colon+1:]
		if pw == "" || Plain(pw) || isPort(pw) {
			continue
		}
		out = append(out, Found{Start: off + colon + 1, End: off + at})
	}
}

// isPort: "8080" or "8080/path…" after a host is a port, not a password.
func isPort(s string) bool {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i > 0 && (i == len(s) || s[i] == '/')
}

// htpasswd is a "user:hash" entry (basic auth lists, Traefik labels with compose's "$$").
var htpasswd = regexp.MustCompile(`[^\s:"',\[\]=]+:(\$\$?(?:apr1|2[abxy]?|1|5|6|y|argon2(?:id|i|d))\$[^\s"',\]]+|\{SHA\}[^\s"',\]]+)`)

func htpasswdHashes(s string) []Found {
	if !strings.Contains(s, ":$") && !strings.Contains(s, ":{SHA}") {
		return nil // the expression needs one: most values skip it
	}
	var out []Found
	for _, m := range htpasswd.FindAllStringSubmatchIndex(s, -1) {
		out = append(out, Found{Start: m[2], End: m[3]})
	}
	return out
}

// HtpasswdHash returns the hash of a "user:hash" basic-auth entry, or false.
func HtpasswdHash(s string) (Found, bool) {
	i := strings.IndexByte(s, ':')
	if i <= 0 || i == len(s)-1 {
		return Found{}, false
	}
	if Plain(s[i+1:]) {
		return Found{}, false
	}
	return Found{Start: i + 1, End: len(s)}, true
}

// PrivateKeys finds the body of every PEM private key block in s, whether its lines are real
// line breaks or "\n" escapes inside a JSON string. The BEGIN and END lines stay: they say what
// the reader is looking at. Certificates and public keys are not secrets.
func PrivateKeys(s string) []Found {
	const begin, end, dashes = "-----BEGIN ", "-----END ", "-----"
	var out []Found
	for off := 0; ; {
		i := strings.Index(s[off:], begin)
		if i < 0 {
			return out
		}
		i += off + len(begin)
		h := strings.Index(s[i:], dashes)
		if h < 0 || strings.ContainsAny(s[i:i+h], "\r\n") {
			off = i
			continue
		}
		body := i + h + len(dashes)
		off = body
		if !strings.Contains(s[i:i+h], "PRIVATE KEY") {
			continue
		}
		stop := len(s)
		if e := strings.Index(s[body:], end); e >= 0 {
			stop = body + e
		}
		from, to := trimPEM(s, body, stop)
		if to > from {
			out = append(out, Found{Start: from, End: to})
		}
		off = stop
	}
}

// trimPEM narrows [from, to) to the key's text, without the line breaks (real or escaped)
// around it.
func trimPEM(s string, from, to int) (int, int) {
	for from < to {
		switch {
		case strings.ContainsRune(" \t\r\n", rune(s[from])):
			from++
		case strings.HasPrefix(s[from:to], `\n`), strings.HasPrefix(s[from:to], `\r`):
			from += 2
		default:
			goto right
		}
	}
right:
	for to > from {
		switch {
		case strings.ContainsRune(" \t\r\n", rune(s[to-1])):
			to--
		case strings.HasSuffix(s[from:to], `\n`), strings.HasSuffix(s[from:to], `\r`):
			to -= 2
		default:
			return from, to
		}
	}
	return from, to
}

// pair finds "KEY=VALUE", "KEY: VALUE" and "KEY":"VALUE" anywhere in a line: list items, JSON
// objects, flow mappings, query strings and shell commands carry them mid-line.
var pair = regexp.MustCompile(`(["']?)([A-Za-z0-9_.\-]+)(["']?)[ \t]*(=|:[ \t]|:["'])[ \t]*`)

// Pairs finds the values of secret-named pairs in s. A value ends at a blank, a quote or a
// separator of the enclosing syntax; a quoted value is found without its quotes. An
// authorization scheme keeps its credentials ("Authorization: Basic dXNlcjpw").
func Pairs(s string) []Found {
	if !strings.ContainsAny(s, "=:") {
		return nil // every pair has a separator: most values skip the expression
	}
	var out []Found
	last := 0
	for _, m := range pair.FindAllStringSubmatchIndex(s, -1) {
		if m[0] < last || !IsSecretName(s[m[4]:m[5]]) {
			continue
		}
		start := m[1]
		if sep := s[m[8]:m[9]]; len(sep) == 2 && sep[1] != ' ' && sep[1] != '\t' {
			start-- // ':"': the quote opens the value
		}
		end := valueEnd(s, start)
		from, to := unquote(s, start, end)
		if isAuthScheme(s[from:to]) && to == end && end < len(s) && s[end] == ' ' {
			next := end + 1
			if e := valueEnd(s, next); e > next {
				to, end = e, e
			}
		}
		if Plain(s[from:to]) {
			continue
		}
		out = append(out, Found{Start: from, End: to})
		last = end
	}
	return out
}

func isAuthScheme(v string) bool {
	switch strings.ToLower(v) {
	case "basic", "bearer", "digest", "token", "negotiate", "apikey", "ntlm", "hoba", "mutual":
		return true
	}
	return false
}

// valueEnd finds where a value starting at i ends: after its closing quote when quoted (the
// rest of the line when the quote is not closed), else at a blank or a separator.
func valueEnd(s string, i int) int {
	if i < len(s) && (s[i] == '"' || s[i] == '\'') {
		if j := strings.IndexByte(s[i+1:], s[i]); j >= 0 {
			return i + 1 + j + 1
		}
		return len(s)
	}
	j := i
	for j < len(s) && !strings.ContainsRune(" \t\r\n\"',;&}])", rune(s[j])) {
		// "${NAME}" and "${NAME:-default}" are one value, braces included.
		if s[j] == '$' {
			k := j + 1
			if k < len(s) && s[k] == '$' {
				k++
			}
			if k < len(s) && s[k] == '{' {
				if e := strings.IndexByte(s[k:], '}'); e >= 0 {
					j = k + e + 1
					continue
				}
			}
		}
		j++
	}
	return j
}

// unquote narrows [from, to) to the inside of its quotes, if it has any.
func unquote(s string, from, to int) (int, int) {
	if to-from >= 1 && (s[from] == '"' || s[from] == '\'') {
		q := s[from]
		from++
		if to > from && s[to-1] == q {
			to--
		}
	}
	return from, to
}

// ArgFound is a secret inside one argument of a command: args[Arg][Start:End].
type ArgFound struct {
	Arg, Start, End int
}

// Args finds the secret arguments of a command given as a list (compose's exec form,
// ["redis-server", "--requirepass", "pw"]) or as one string (Args([]string{"redis-server
// --requirepass pw"})): the value after a secret-named option (--requirepass X,
// --password=X, --token X), redis-cli's -a X, the password of curl's -u USER:PASSWORD, and
// mysql's -pPASSWORD. A list element holding blanks is also read as a shell command line
// (sh -c "redis-server --requirepass $$PW").
func Args(args []string) []ArgFound {
	// Every value found follows a word that starts with "-": without one there is none.
	dash := false
	for _, a := range args {
		if strings.IndexByte(a, '-') >= 0 {
			dash = true
			break
		}
	}
	if !dash {
		return nil
	}
	whole := make([]word, len(args))
	var split [][]word
	for i, a := range args {
		whole[i] = word{arg: i, start: 0, end: len(a), text: a}
		if len(args) == 1 || strings.ContainsAny(a, " \t\n") {
			split = append(split, commandWords(i, a))
		}
	}
	ctx := commandContext(whole)
	for _, ws := range split {
		ctx = ctx.or(commandContext(ws))
	}
	var out []ArgFound
	if len(args) > 1 {
		out = optionValues(whole, ctx, args)
	}
	// An option and its value within one element: a shell command line.
	for _, ws := range split {
		out = append(out, optionValues(ws, ctx, args)...)
	}
	return out
}

// word is one word of a command: args[arg][start:end] as written, text without its quotes.
type word struct {
	arg        int
	start, end int
	text       string
}

// commandWords splits a shell-like command line at blanks; quotes group blanks.
func commandWords(arg int, s string) []word {
	var out []word
	i := 0
	for {
		for i < len(s) && strings.ContainsRune(" \t\r\n", rune(s[i])) {
			i++
		}
		if i >= len(s) {
			return out
		}
		start := i
		var quote byte
		braces := 0 // inside ${…}, blanks belong to the reference (${PW:?set it})
	scan:
		for i < len(s) {
			c := s[i]
			switch {
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '$' && i+1 < len(s) && s[i+1] == '{':
				braces++
				i++
			case c == '}' && braces > 0:
				braces--
			case c == '"' || c == '\'':
				quote = c
			case braces == 0 && strings.ContainsRune(" \t\r\n", rune(c)):
				break scan
			}
			i++
		}
		// A JSON or YAML list written on one line (["redis-cli", "-a", "pw"]) leaves its
		// brackets and commas on the words.
		from, to := start, i
		for from < to && strings.IndexByte("[(", s[from]) >= 0 {
			from++
		}
		for to > from && strings.IndexByte(",;])", s[to-1]) >= 0 {
			to--
		}
		if to > from {
			out = append(out, word{arg: arg, start: from, end: to, text: dropQuotes(s[from:to])})
		}
	}
}

// dropQuotes is a word as the shell passes it on: without its quotes.
func dropQuotes(w string) string {
	if !strings.ContainsAny(w, `"'`) {
		return w
	}
	return strings.Map(func(r rune) rune {
		if r == '"' || r == '\'' {
			return -1
		}
		return r
	}, w)
}

// cmdContext says which programs a command line runs: their options decide what -a and -u mean.
type cmdContext struct{ redisCLI, curl, mysql bool }

func (c cmdContext) or(d cmdContext) cmdContext {
	return cmdContext{redisCLI: c.redisCLI || d.redisCLI, curl: c.curl || d.curl, mysql: c.mysql || d.mysql}
}

func commandContext(ws []word) cmdContext {
	var c cmdContext
	for _, w := range ws {
		base := w.text
		if i := strings.LastIndexByte(base, '/'); i >= 0 {
			base = base[i+1:]
		}
		switch base {
		case "redis-cli", "valkey-cli", "keydb-cli":
			c.redisCLI = true
		case "curl":
			c.curl = true
		case "mysql", "mysqladmin", "mysqldump", "mariadb", "mariadb-admin", "mariadb-dump":
			c.mysql = true
		}
	}
	return c
}

// optionValues finds the values of secret options among words.
func optionValues(ws []word, ctx cmdContext, args []string) []ArgFound {
	var out []ArgFound
	add := func(w word, from, to int) {
		raw := args[w.arg]
		from, to = unquote(raw, from, to)
		// The value ends the word: the word's closing quote is not part of it (-u "USER:PW").
		if w.start < len(raw) && (raw[w.start] == '"' || raw[w.start] == '\'') && to > from && raw[to-1] == raw[w.start] {
			to--
		}
		if to > from && !Plain(raw[from:to]) {
			out = append(out, ArgFound{Arg: w.arg, Start: from, End: to})
		}
	}
	for i, w := range ws {
		t := w.text
		if len(t) < 2 || t[0] != '-' || t == "--" {
			continue
		}
		name := strings.TrimLeft(t, "-")
		if k := strings.IndexByte(name, '='); k >= 0 {
			if IsSecretName(name[:k]) {
				eq := strings.IndexByte(args[w.arg][w.start:w.end], '=')
				add(w, w.start+eq+1, w.end)
			}
			continue
		}
		if ctx.mysql && strings.HasPrefix(t, "-p") && len(t) > 2 && !strings.HasPrefix(t, "--") {
			add(w, w.start+2, w.end) // mysql -pPASSWORD: no blank allowed
			continue
		}
		if i+1 >= len(ws) {
			continue
		}
		next := ws[i+1]
		if strings.HasPrefix(next.text, "-") && len(next.text) > 1 {
			continue // another option: this one was given no value
		}
		switch {
		case (name == "u" || name == "user") && ctx.curl:
			// curl -u USER:PASSWORD: the user stays readable.
			if c := strings.IndexByte(args[next.arg][next.start:next.end], ':'); c >= 0 {
				add(next, next.start+c+1, next.end)
			}
		case name == "a" && t == "-a" && ctx.redisCLI, len(name) > 1 && IsSecretName(name):
			add(next, next.start, next.end)
		}
	}
	return out
}

// aclKeywords are the ACL rules Redis knows by name (ACLSetUser, ACLSetSelector).
var aclKeywords = map[string]bool{
	"on": true, "off": true, "nopass": true, "resetpass": true, "reset": true, "allkeys": true,
	"allchannels": true, "allcommands": true, "nocommands": true, "resetkeys": true,
	"resetchannels": true, "clearselectors": true, "sanitize-payload": true,
	"skip-sanitize-payload": true,
}

// ACLToken finds the password or hash in one rule of a Redis ACL user line (users.acl, the
// user directive of redis.conf, ACL SETUSER): >password and <password, #hash and !hash give
// what follows their sign; a word Redis knows neither as a keyword nor by its sign (~keys,
// %R~keys, &channels, +command, -command, (selector)) is refused by Redis as a syntax error, and
// is most likely a password written without its ">": it is a secret whole.
func ACLToken(tok string) (Found, bool) {
	switch {
	case tok == "":
		return Found{}, false
	case strings.IndexByte("><#!", tok[0]) >= 0:
		if len(tok) == 1 {
			return Found{}, false // ">" alone sets the empty password
		}
		return Found{Start: 1, End: len(tok)}, true
	case aclKeywords[strings.ToLower(tok)], strings.IndexByte("~%&+-(", tok[0]) >= 0, tok[len(tok)-1] == ')':
		return Found{}, false
	}
	// A rule glued to the one before it ("on>password"): the password is what follows its sign.
	if i := strings.IndexAny(tok, "><#!"); i > 0 && i < len(tok)-1 {
		return Found{Start: i + 1, End: len(tok)}, true
	}
	return Found{Start: 0, End: len(tok)}, true
}
