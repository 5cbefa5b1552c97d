package report

import (
	"regexp"
	"strings"
)

// Formats that quote source lines (html) pass every quoted line through the redaction below.
// The lines a finding points at are, by the nature of this tool, the ones holding passwords,
// hashes and keys, so the redaction errs on the side of hiding too much: a hidden URL costs
// the reader a look at the file, a shown password costs a rotation.

// mask stands in for a hidden value.
const mask = "••••••"

// secretWords: a key that contains one of these, in any case, names a secret.
var secretWords = []string{
	"password", "passwd", "pass", "pwd", "secret", "token", "key", "auth", "credential", "private",
	"requirepass", "masterauth", "salt", "cookie", "session",
}

// notSecretKey matches keys that contain a secret word but name no secret: nginx's upstream
// directives ("proxy_pass http://app;") are the most common line in an nginx finding.
var notSecretKey = regexp.MustCompile(`^(proxy|fastcgi|uwsgi|scgi|grpc|memcached)_pass(_|$)`)

// plainValues are values shown even under a secret key: a switch is never a secret, and the
// finding is often about the switch ("oauth_enabled: false").
var plainValues = []string{
	"true", "false", "yes", "no", "on", "off", "enabled", "disabled", "none", "null", "~",
}

var (
	// reference is a value that only names a variable (compose "${REDIS_PASSWORD}"): it holds
	// no secret, and showing it tells the reader where the value comes from.
	reference = regexp.MustCompile(`^\$\$?(\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)$`)
	// inlinePair finds "KEY=VALUE" and "KEY: VALUE" pairs anywhere in a line: list items, JSON
	// objects, flow mappings, query strings and shell commands carry them mid-line.
	inlinePair = regexp.MustCompile(`(["']?)([A-Za-z0-9_.\-]+)(["']?)[ \t]*(=|:[ \t]|:["'])[ \t]*`)
	// option finds command-line options and their argument: "--requirepass X", "--password=X",
	// "-a X", and JSON argument lists ("--requirepass", "X").
	option = regexp.MustCompile(`(^|[\s"'\[,(])--?([A-Za-z0-9][A-Za-z0-9_.\-]*)(=|["']?[ \t]*,?[ \t]*["']?)`)
	// userinfo is the password of a URL ("redis://user:PASSWORD@host").
	userinfo = regexp.MustCompile(`([A-Za-z][A-Za-z0-9+.\-]*://[^\s:/@"']*:)([^\s@/"']+)@`)
	// htpasswd is a "user:hash" entry (basic auth lists, traefik labels with "$$" escapes).
	htpasswd = regexp.MustCompile(`([^\s:"',\[]+:)(\$\$?(?:apr1|2[abxy]?|1|5|6|y|argon2(?:id|i|d))\$[^\s"',\]]+|\{SHA\}[^\s"',\]]+)`)
	// aclPassword is a password token of a Redis ACL rule: >add, <remove, #addhash, !removehash.
	aclPassword = regexp.MustCompile(`^[><#!].`)
)

// pemBegin and pemEnd bound a private key; certificates are public and stay readable.
const (
	pemBegin = "-----BEGIN "
	pemEnd   = "-----END "
)

// isSecretKey reports whether a key names a secret.
func isSecretKey(key string) bool {
	k := strings.ToLower(key)
	if notSecretKey.MatchString(k) {
		return false
	}
	for _, w := range secretWords {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}

// isPlain reports whether a value may be shown whatever its key.
func isPlain(v string) bool {
	if v == "" || strings.Contains(v, mask) || reference.MatchString(v) {
		return true
	}
	for _, p := range plainValues {
		if strings.EqualFold(v, p) {
			return true
		}
	}
	return false
}

// redact hides the secrets of one line, as far as the line alone shows them. Lines that
// continue a secret (PEM bodies, YAML blocks, multi-line quoted values) need the file around
// them: see redactLines.
func redact(line string) string {
	out, _ := redactLine(line)
	return out
}

// continuation says how a secret opened on one line goes on over the next.
type continuation struct {
	// quote is the quote character of a quoted value not closed on its line.
	quote byte
	// indent is set (≥ 0) for a YAML key whose value is the more indented lines below it.
	indent int
	// pem is set inside a private key block.
	pem bool
}

func noContinuation() continuation { return continuation{indent: -1} }

// redactLines redacts a whole file (lines without their line ends), so that a quoted window
// that starts inside a multi-line secret hides it too.
func redactLines(lines []string) []string {
	out := make([]string, len(lines))
	state := noContinuation()
	for i, line := range lines {
		switch {
		case state.pem:
			if strings.Contains(line, pemEnd) {
				out[i] = line
				state = noContinuation()
				continue
			}
			out[i] = maskAll(line)
			continue
		case state.quote != 0:
			if j := strings.IndexByte(line, state.quote); j >= 0 {
				out[i] = maskAll(line[:j]) + line[j:]
				state = noContinuation()
				continue
			}
			out[i] = maskAll(line)
			continue
		case state.indent >= 0:
			if strings.TrimSpace(line) == "" {
				out[i] = line
				continue
			}
			if in := indentOf(line); in > state.indent || (in == state.indent && strings.HasPrefix(line[in:], "- ")) {
				out[i] = maskNested(line)
				continue
			}
			state = noContinuation()
		}
		out[i], state = redactLine(line)
	}
	return out
}

// redactLine applies every single-line rule and says whether a secret goes on below.
func redactLine(line string) (string, continuation) {
	next := noContinuation()
	if strings.Contains(line, pemBegin) && strings.Contains(line, "PRIVATE KEY") {
		start := strings.Index(line, pemBegin)
		if end := strings.Index(line[start:], pemEnd); end >= 0 {
			// A key squeezed onto one line ("-----BEGIN…\nMII…\n-----END…" in a JSON string).
			return line[:start] + mask + line[start+end:], next
		}
		if strings.HasSuffix(strings.TrimRight(line, " \t"), "-----") {
			next.pem = true
			return line, next
		}
		return line[:start] + mask, next
	}
	if isACLLine(line) {
		return redactACL(line), next
	}
	out := line
	if key, at, directive, ok := leadingKey(line); ok {
		if !isSecretKey(key) && directive {
			// A directive whose argument names the secret: nginx
			// "proxy_set_header Authorization VALUE", "add_header Set-Cookie VALUE".
			if arg, at2, argDirective, ok := leadingKey(line[at:]); ok && argDirective && isSecretKey(arg) {
				key, at = arg, at+at2
			}
		}
		if isSecretKey(key) {
			masked, cont := maskValue(line[at:])
			out = line[:at] + masked
			next = cont
			if next.indent >= 0 {
				next.indent = indentOf(line)
			}
		}
	}
	out = maskPairs(out)
	out = maskFlags(out)
	out = userinfo.ReplaceAllStringFunc(out, func(m string) string {
		sub := userinfo.FindStringSubmatch(m)
		if isPlain(sub[2]) {
			return m
		}
		return sub[1] + mask + "@"
	})
	out = htpasswd.ReplaceAllString(out, "${1}"+mask)
	return out, next
}

// isACLLine: a Redis ACL rule, in users.acl or as a redis.conf directive.
func isACLLine(line string) bool {
	f := strings.Fields(line[skipPrefix(line):])
	return len(f) >= 2 && strings.EqualFold(f[0], "user")
}

// redactACL hides every password and hash token of an ACL rule; the user name, flags and
// permissions stay, since findings are about them.
func redactACL(line string) string {
	var b strings.Builder
	for i := 0; i < len(line); {
		j := i
		for j < len(line) && (line[j] == ' ' || line[j] == '\t') {
			j++
		}
		b.WriteString(line[i:j])
		k := j
		for k < len(line) && line[k] != ' ' && line[k] != '\t' {
			k++
		}
		tok := line[j:k]
		if aclPassword.MatchString(tok) && tok[1:] != mask {
			b.WriteString(tok[:1] + mask)
		} else {
			b.WriteString(tok)
		}
		i = k
	}
	return b.String()
}

// leadingKey finds the key a line starts with — after indentation, comment markers, a YAML
// list dash, "export", "{" or a quote — and where its value begins: after "=" or ":", or after
// the blank that ends a directive name ("requirepass VALUE", nginx style).
func leadingKey(line string) (key string, valueAt int, directive, ok bool) {
	i := skipPrefix(line)
	var quote byte
	if i < len(line) && (line[i] == '"' || line[i] == '\'') {
		quote = line[i]
		i++
	}
	start := i
	for i < len(line) && isKeyByte(line[i]) {
		i++
	}
	if i == start {
		return "", 0, false, false
	}
	key = line[start:i]
	if quote != 0 {
		if i >= len(line) || line[i] != quote {
			return "", 0, false, false
		}
		i++
	}
	blank := i
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	switch {
	case i < len(line) && (line[i] == '=' || line[i] == ':'):
		i++
	case i > blank && i < len(line):
		directive = true // the value starts at the next word
	default:
		return "", 0, false, false
	}
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	return key, i, directive, true
}

// skipPrefix returns where a line's content starts.
func skipPrefix(line string) int {
	i := 0
	for {
		j := i
		for j < len(line) && (line[j] == ' ' || line[j] == '\t') {
			j++
		}
		rest := line[j:]
		switch {
		case strings.HasPrefix(rest, "//"):
			j += 2
		case strings.HasPrefix(rest, "#"), strings.HasPrefix(rest, ";"), strings.HasPrefix(rest, "{"), strings.HasPrefix(rest, "["):
			j++
		case strings.HasPrefix(rest, "- "):
			j += 2
		case strings.HasPrefix(rest, "export "):
			j += len("export ")
		}
		if j == i {
			return i
		}
		i = j
	}
}

func isKeyByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("_-./$", c) >= 0
}

// maskValue hides a value that runs to the end of the line. Quotes stay around the mask, and
// a trailing ";" or "," (nginx, JSON) stays, so the line keeps its shape. A YAML block
// indicator ("|", ">-") or an empty YAML value opens a nested block to hide; an unclosed
// quote continues on the next lines.
func maskValue(v string) (string, continuation) {
	next := noContinuation()
	body := strings.TrimRight(v, " \t")
	trailer := v[len(body):]
	if strings.HasSuffix(body, ";") || strings.HasSuffix(body, ",") {
		trailer = body[len(body)-1:] + trailer
		body = body[:len(body)-1]
	}
	switch {
	case body == "":
		// "password:" with the secret nested below it
		next.indent = 0
		return v, next
	case strings.HasPrefix(body, "#"):
		// A comment after an empty YAML value, or a value that starts with "#" (redis.conf
		// "requirepass #x", a dotenv "KEY=#x"): hide it, and what is nested below.
		next.indent = 0
		return mask + trailer, next
	case isBlockIndicator(body):
		next.indent = 0
		return v, next
	}
	if q := body[0]; q == '"' || q == '\'' {
		closing := strings.IndexByte(body[1:], q)
		if closing < 0 {
			next.quote = q
			return string(q) + mask, next
		}
		inner, after := body[1:closing+1], body[closing+2:]
		// What follows the closing quote may be a comment or the rest of a JSON object (whose
		// pairs maskPairs sees); anything else may still be the value ("a"b in a shell).
		if rest := strings.TrimLeft(after, " \t"); rest == "" || strings.ContainsRune("#,;}])", rune(rest[0])) {
			if isPlain(inner) {
				return v, next
			}
			return string(q) + mask + string(q) + after + trailer, next
		}
	}
	if isPlain(body) {
		return v, next
	}
	return mask + trailer, next
}

func isBlockIndicator(s string) bool {
	if s == "" || (s[0] != '|' && s[0] != '>') {
		return false
	}
	return strings.Trim(s[1:], "+-0123456789") == ""
}

// maskPairs hides the value of every secret-named KEY=VALUE or KEY: VALUE pair in the line.
// The value ends at a blank, a quote, or a separator of the enclosing syntax.
func maskPairs(line string) string {
	var b strings.Builder
	last := 0
	for _, m := range inlinePair.FindAllStringSubmatchIndex(line, -1) {
		if m[0] < last {
			continue
		}
		if !isSecretKey(line[m[4]:m[5]]) {
			continue
		}
		start := m[1]
		if sep := line[m[8]:m[9]]; len(sep) == 2 && sep[1] != ' ' && sep[1] != '\t' {
			start-- // ':"' — the quote opens the value
		}
		end := valueEnd(line, start)
		if v := strings.Trim(line[start:end], `"'`); isPlain(v) || isBlockIndicator(v) {
			continue
		}
		b.WriteString(line[last:start])
		b.WriteString(maskToken(line[start:end]))
		last = end
	}
	b.WriteString(line[last:])
	return b.String()
}

// maskFlags hides the argument of every secret-named command-line option.
func maskFlags(line string) string {
	var b strings.Builder
	last := 0
	// Matches are searched from the end of each option name, not of each match, because a
	// match takes the blank that the next option's match needs in front of its dash.
	for pos := 0; pos < len(line); {
		m := option.FindStringSubmatchIndex(line[pos:])
		if m == nil {
			break
		}
		for i := range m {
			m[i] += pos
		}
		pos = m[5]
		if m[0] < last || !isSecretOption(line, line[m[4]:m[5]]) {
			continue
		}
		start := m[1]
		if start > 0 && (line[start-1] == '"' || line[start-1] == '\'') {
			start--
		}
		end := valueEnd(line, start)
		if v := strings.Trim(line[start:end], `"'`); isPlain(v) {
			continue
		}
		b.WriteString(line[last:start])
		b.WriteString(maskToken(line[start:end]))
		last, pos = end, end
	}
	b.WriteString(line[last:])
	return b.String()
}

// isSecretOption: an option named like a secret, or one of the two everyone passes a password
// to on a command line: redis-cli -a PASSWORD and curl -u USER:PASSWORD.
func isSecretOption(line, name string) bool {
	switch name {
	case "a":
		return strings.Contains(line, "redis-cli")
	case "u", "user":
		return strings.Contains(line, "curl")
	}
	return isSecretKey(name)
}

// valueEnd finds where a value starting at i ends: after its closing quote when quoted (the
// rest of the line when the quote is not closed), else at a blank or a separator.
func valueEnd(line string, i int) int {
	if i < len(line) && (line[i] == '"' || line[i] == '\'') {
		if j := strings.IndexByte(line[i+1:], line[i]); j >= 0 {
			return i + 1 + j + 1
		}
		return len(line)
	}
	j := i
	for j < len(line) && !strings.ContainsRune(" \t\"',;&}])", rune(line[j])) {
		// "${NAME}" and "${NAME:-default}" are one value, braces included.
		if line[j] == '$' {
			k := j + 1
			if k < len(line) && line[k] == '$' {
				k++
			}
			if k < len(line) && line[k] == '{' {
				if e := strings.IndexByte(line[k:], '}'); e >= 0 {
					j = k + e + 1
					continue
				}
			}
		}
		j++
	}
	return j
}

// maskToken masks a value, keeping the quotes around it.
func maskToken(v string) string {
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		return v[:1] + mask + v[:1]
	}
	if len(v) >= 1 && (v[0] == '"' || v[0] == '\'') {
		return v[:1] + mask
	}
	return mask
}

// maskNested hides a line inside a secret YAML block: the value of a "key: value" line, the
// item of a "- item" line, or the whole text of a block scalar line.
func maskNested(line string) string {
	i := indentOf(line)
	for strings.HasPrefix(line[i:], "- ") {
		i += 2
		for i < len(line) && line[i] == ' ' {
			i++
		}
	}
	if strings.HasPrefix(line[i:], "#") {
		return line
	}
	if _, at, directive, ok := leadingKey(line[i:]); ok && !directive && strings.ContainsRune(line[i:i+at], ':') {
		masked, _ := maskValue(line[i+at:])
		return line[:i+at] + masked
	}
	masked, _ := maskValue(line[i:])
	return line[:i] + masked
}

// maskAll hides a line's text, keeping its indentation.
func maskAll(line string) string {
	i := indentOf(line)
	if strings.TrimSpace(line) == "" {
		return line
	}
	return line[:i] + mask
}

func indentOf(line string) int {
	return len(line) - len(strings.TrimLeft(line, " \t"))
}

// redactForced hides the value of a line whatever its key: used on the line a finding points
// at when the rule is about a file of secrets, where a key name that does not look secret
// ("OPENC3_SR_BUCKET_USERNAME"), or a line the parser could not read, may still hold one.
// The key stays, since the finding names it. A quote left open continues below.
//
// A comment is left as redact made it unless it holds an assignment ("# KEY=old"), since
// prose is no value; a line that is neither (where a parser gave up) is hidden whole.
func redactForced(line string) (string, continuation) {
	if isACLLine(line) {
		return redactACL(line), noContinuation()
	}
	trimmed := strings.TrimSpace(line)
	comment := strings.HasPrefix(trimmed, "#") || strings.HasPrefix(trimmed, "//") || strings.HasPrefix(trimmed, ";")
	_, at, directive, ok := leadingKey(line)
	switch {
	case trimmed == "", comment && (!ok || directive):
		return line, noContinuation()
	case !ok:
		return maskAll(line), noContinuation()
	}
	masked, cont := maskValue(line[at:])
	cont.indent = -1
	return line[:at] + masked, cont
}
