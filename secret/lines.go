package secret

import "strings"

// ScanLines finds the secrets of a file by their shape alone, line by line, for a file its
// parser refused: the Redactor must still know them, since the report quotes the line where
// parsing stopped and the parser's error may quote a value. It errs on the side of finding
// too much (a hidden value costs the reader a look at the file; a shown password costs a
// rotation):
//
//   - KEY=VALUE, KEY: VALUE, "KEY": "VALUE" and directive-style KEY VALUE lines whose KEY is
//     secret-named, with the value's quotes kept; a quoted value left open goes on over the
//     next lines, and a YAML key with an empty value or a block indicator (|, >-) covers the
//     more indented lines below it;
//   - a directive whose first argument is secret-named: proxy_set_header Authorization VALUE;
//   - Redis ACL lines (user NAME …): every >password, <password, #hash, !hash and every
//     word Redis would refuse (see ACLToken);
//   - PEM private key blocks, the body of every line between BEGIN and END;
//   - whatever InText finds on a line: URL passwords, htpasswd hashes, secret-named pairs and
//     options anywhere in it.
//
// Every other KEY=VALUE or KEY: VALUE value is marked too, by position only (Value empty): in a
// file no parser could read, a value under any name may be a secret, but it is not looked for
// elsewhere, so ordinary values ("openc3", "redis:7") stay readable in messages and other
// files' lines.
//
// Positions are those of the raw text (lines end at "\n"; a "\r" before it is not part of
// the line).
func ScanLines(src []byte) []Span {
	ls := &lineScanner{indent: -1}
	text := string(src)
	for n, start := 1, 0; start <= len(text); n++ {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		ls.line(n, strings.TrimSuffix(text[start:end], "\r"))
		start = end + 1
	}
	return ls.out
}

// lineScanner carries what a line leaves open for the next ones.
type lineScanner struct {
	out []Span
	// pem is set inside a private key block.
	pem bool
	// quote is the quote character of a secret value not closed on its line.
	quote byte
	// indent is set (≥ 0) to the indentation of a secret YAML key whose value is the more
	// indented lines below it.
	indent int
	// seen holds the ranges marked on line seenLine.
	seen     map[[3]int]bool
	seenLine int
	// unknown is set while marking a value that is not known to be a secret (see ScanLines);
	// quoteUnknown says so of the quoted value going on below.
	unknown, quoteUnknown bool
}

func (ls *lineScanner) mark(n int, line string, from, to int) {
	for from < to && (line[from] == ' ' || line[from] == '\t') {
		from++
	}
	for to > from && (line[to-1] == ' ' || line[to-1] == '\t') {
		to--
	}
	if to <= from {
		return
	}
	value := Literal(line[from:to])
	known := 1
	if ls.unknown {
		value, known = "", 0
	}
	// The key's value and a pair found again inside the line are one secret.
	if ls.seenLine != n {
		ls.seenLine, ls.seen = n, map[[3]int]bool{}
	}
	if ls.seen[[3]int{from, to, known}] {
		return
	}
	ls.seen[[3]int{from, to, known}] = true
	ls.out = append(ls.out, Span{Line: n, Column: from + 1, EndLine: n, EndColumn: to + 1, Value: value})
}

func (ls *lineScanner) line(n int, line string) {
	switch {
	case ls.pem:
		if e := strings.Index(line, "-----END "); e >= 0 {
			ls.mark(n, line, 0, e)
			ls.pem = false
			return
		}
		ls.mark(n, line, 0, len(line))
		return
	case ls.quote != 0:
		ls.unknown = ls.quoteUnknown
		defer func() { ls.unknown = false }()
		j := strings.IndexByte(line, ls.quote)
		if j < 0 {
			ls.mark(n, line, 0, len(line))
			return
		}
		ls.mark(n, line, 0, j)
		ls.quote = 0
		return
	case ls.indent >= 0:
		if strings.TrimSpace(line) == "" {
			return
		}
		if in := indentOf(line); in > ls.indent || (in == ls.indent && strings.HasPrefix(line[in:], "- ")) {
			ls.nested(n, line)
			return
		}
		ls.indent = -1
	}
	if b := strings.Index(line, "-----BEGIN "); b >= 0 && strings.Contains(line[b:], "PRIVATE KEY") &&
		!strings.Contains(line[b:], "-----END ") && strings.HasSuffix(strings.TrimRight(line, " \t"), "-----") {
		ls.pem = true
		return
	}
	if ls.acl(n, line) {
		return
	}
	if key, at, directive, ok := leadingKey(line); ok {
		if !IsSecretName(key) && directive {
			// A directive whose argument names the secret: nginx
			// "proxy_set_header Authorization VALUE", "fastcgi_param DB_PASSWORD VALUE".
			if arg, at2, argDirective, ok := leadingKey(line[at:]); ok && argDirective && IsSecretName(arg) {
				key, at = arg, at+at2
			}
		}
		switch {
		case IsSecretName(key):
			ls.value(n, line, at, indentOf(line), true)
		case !directive && !strings.HasPrefix(line[at:], "{") && !strings.HasPrefix(line[at:], "["):
			// A value of a file no parser could read may be a secret under any name: it is
			// masked where it is, but not looked for elsewhere. (A flow collection's pairs are
			// Pairs' business below.)
			ls.unknown = true
			ls.value(n, line, at, -1, true)
			ls.unknown = false
		}
	}
	for _, f := range InText(line) {
		ls.mark(n, line, f.Start, f.End)
	}
}

// value marks the value of a secret key that starts at line[at:] and runs to the end of the
// line; open says whether it may open a block or a quote that goes on below.
func (ls *lineScanner) value(n int, line string, at, indent int, open bool) {
	body := strings.TrimRight(line[at:], " \t")
	if strings.HasSuffix(body, ";") || strings.HasSuffix(body, ",") {
		body = body[:len(body)-1]
	}
	end := at + len(body)
	switch {
	case body == "" || isBlockIndicator(body):
		if open && indent >= 0 {
			ls.indent = indent // the secret is nested below: "password: |"
		}
		return
	case body[0] == '"' || body[0] == '\'':
		q := body[0]
		closing := strings.IndexByte(body[1:], q)
		if closing < 0 {
			ls.mark(n, line, at+1, end)
			if open {
				ls.quote, ls.quoteUnknown = q, ls.unknown
			}
			return
		}
		if !Plain(body[1 : closing+1]) {
			ls.mark(n, line, at+1, at+1+closing)
		}
		return
	case body[0] == '#':
		// A comment after an empty YAML value, or a value that starts with "#" (redis.conf
		// "requirepass #x", a dotenv "KEY=#x"): hide it, and what is nested below.
		ls.mark(n, line, at, end)
		if open && indent >= 0 {
			ls.indent = indent
		}
		return
	}
	if c := strings.Index(body, " #"); c >= 0 {
		end = at + c
	}
	if !Plain(line[at:end]) {
		ls.mark(n, line, at, end)
	}
}

// nested marks a line inside a secret YAML block: the value of a "key: value" line, the item
// of a "- item" line, or the whole text of a block scalar line.
func (ls *lineScanner) nested(n int, line string) {
	i := indentOf(line)
	for strings.HasPrefix(line[i:], "- ") {
		i += 2
		for i < len(line) && line[i] == ' ' {
			i++
		}
	}
	if strings.HasPrefix(line[i:], "#") {
		return
	}
	if _, at, directive, ok := leadingKey(line[i:]); ok && !directive && strings.ContainsRune(line[i:i+at], ':') {
		ls.value(n, line, i+at, -1, false)
		return
	}
	ls.value(n, line, i, -1, false)
}

// acl marks the passwords of a Redis ACL user line and reports whether the line is one. An
// nginx "user www-data www-data;" is not: its statements end with ";".
func (ls *lineScanner) acl(n int, line string) bool {
	i := skipPrefix(line)
	rest := strings.TrimRight(line[i:], " \t")
	if len(rest) < 5 || !strings.EqualFold(rest[:5], "user ") || strings.HasSuffix(rest, ";") || strings.HasSuffix(rest, "{") {
		return false
	}
	ws := commandWords(0, line[i:])
	if len(ws) < 3 {
		return len(ws) == 2
	}
	for _, w := range ws[2:] {
		from, to := unquote(line, i+w.start, i+w.end)
		if f, ok := ACLToken(line[from:to]); ok {
			ls.mark(n, line, from+f.Start, from+f.End)
		}
	}
	return true
}

// leadingKey finds the key a line starts with (after indentation, comment markers, a YAML list
// dash, "export", "{" or a quote) and where its value begins: after "=" or ":", or after the
// blank that ends a directive name ("requirepass VALUE", nginx style).
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

// skipPrefix returns where a line's content starts: after blanks, comment markers, "{", "[",
// YAML list dashes and "export ".
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

func isKeyByte(c byte) bool { return isAlnum(c) || strings.IndexByte("_-./$", c) >= 0 }

func isBlockIndicator(s string) bool {
	if s == "" || (s[0] != '|' && s[0] != '>') {
		return false
	}
	return strings.Trim(s[1:], "+-0123456789") == ""
}

func indentOf(line string) int { return len(line) - len(strings.TrimLeft(line, " \t")) }
