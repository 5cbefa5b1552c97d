package dotenv

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/compose-spec/compose-go/v2/template"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/secret"
	"github.com/deploylint/deploylint/secret/strength"
)

// Scanner reads .env files.
type Scanner struct{}

// New returns the dotenv scanner.
func New() *Scanner { return &Scanner{} }

// Kind is "dotenv".
func (*Scanner) Kind() string { return "dotenv" }

// docSuffixes mark copies kept as documentation; they are scanned only when named.
var docSuffixes = []string{".example", ".sample", ".template", ".dist", ".tpl"}

// Match claims `.env`, `*.env` and `.env.*` by name; documentation variants only when named.
func (*Scanner) Match(rel string) scanners.NameMatch {
	base := scanners.Base(rel)
	isEnv := base == ".env" || strings.HasSuffix(base, ".env") || strings.HasPrefix(base, ".env.")
	if !isEnv {
		for _, s := range docSuffixes {
			if strings.HasSuffix(base, ".env"+s) || base == "env"+s {
				return scanners.ExplicitOnly
			}
		}
		return scanners.NoMatch
	}
	for _, s := range docSuffixes {
		if strings.HasSuffix(base, s) {
			return scanners.ExplicitOnly
		}
	}
	return scanners.Match
}

var assignLine = regexp.MustCompile(`^(export\s+)?[A-Za-z_][A-Za-z0-9_.\-]*\s*=`)

// Sniff accepts content whose every statement line is an assignment or a comment.
func (*Scanner) Sniff(head []byte) bool {
	if !utf8.Valid(head) || bytes.IndexByte(head, 0) >= 0 {
		return false
	}
	lines := strings.Split(string(head), "\n")
	if len(head) >= 4096 && len(lines) > 1 {
		lines = lines[:len(lines)-1] // the last line may be cut short
	}
	assignments := 0
	inQuote := byte(0)
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if inQuote != 0 {
			if strings.IndexByte(t, inQuote) >= 0 {
				inQuote = 0
			}
			continue
		}
		if t == "" || t[0] == '#' {
			continue
		}
		m := assignLine.FindString(t)
		if m == "" {
			return false
		}
		assignments++
		rest := strings.TrimSpace(t[len(m):])
		if rest != "" && (rest[0] == '"' || rest[0] == '\'') && strings.IndexByte(rest[1:], rest[0]) < 0 {
			inQuote = rest[0]
		}
	}
	return assignments > 0
}

// variable is one assignment as written.
type variable struct {
	name       string
	value      string
	quote      string
	export     bool
	nameStart  int
	nameEnd    int
	valueStart int
	valueEnd   int
}

// source is the text being parsed with its line index.
type source struct {
	src string
	*scanners.LineIndex
}

func newSource(src string) *source { return &source{src: src, LineIndex: scanners.NewLineIndex(src)} }

// Parse reads a .env file the way docker compose does and records positions.
func (sc *Scanner) Parse(path string, raw []byte) (*scanners.Document, error) {
	// compose skips a UTF-8 byte order mark; keep offsets of the original bytes for columns.
	bom := 0
	if bytes.HasPrefix(raw, []byte("\uFEFF")) {
		bom = 3
	}
	src := newSource(string(raw))
	p := &parser{src: src, path: path, off: bom}
	vars, err := p.parse()
	if err != nil {
		return nil, err
	}
	return buildDocument(path, src, vars, p.comments), nil
}

type parser struct {
	src      *source
	path     string
	off      int
	values   map[string]string
	comments []scanners.Comment
	// interpolated counts the bytes of variable values substituted so far (maxInterpolated).
	interpolated int
}

func (p *parser) errorf(off int, format string, args ...any) error {
	pos := p.src.Pos(off)
	return &scanners.ParseError{Path: p.path, Line: pos.Line, Column: pos.Column, Msg: fmt.Sprintf(format, args...)}
}

// isSpace is compose's notion of blank within a line: no line break.
func isSpace(r rune) bool {
	switch r {
	case '\t', '\v', '\f', '\r', ' ', 0x85, 0xA0:
		return true
	}
	return false
}

func (p *parser) parse() ([]variable, error) {
	s := p.src.src
	p.values = map[string]string{}
	var vars []variable
	for {
		// Skip blanks, blank lines and comment lines.
		for {
			i := strings.IndexFunc(s[p.off:], func(r rune) bool { return !unicode.IsSpace(r) })
			if i < 0 {
				return vars, nil
			}
			p.off += i
			if s[p.off] != '#' {
				break
			}
			p.comment(p.off)
		}
		v, ok, err := p.statement()
		if err != nil {
			return nil, err
		}
		if ok {
			vars = append(vars, v)
			p.values[v.name] = v.value
		}
	}
}

// comment records the comment starting at off and moves past it (not past the newline).
func (p *parser) comment(off int) {
	s := p.src.src
	end := strings.IndexByte(s[off:], '\n')
	if end < 0 {
		end = len(s) - off
	}
	pos := p.src.Pos(off)
	p.comments = append(p.comments, scanners.Comment{
		Line: pos.Line, Column: pos.Column, Text: strings.TrimRight(s[off+1:off+end], "\r"),
	})
	p.off = off + end
}

var exportPrefix = regexp.MustCompile(`^export\s+`)

// statement parses one `[export] NAME=value` at p.off. ok is false for a bare `NAME` line,
// which compose resolves from the process environment: deploylint never reads it.
func (p *parser) statement() (variable, bool, error) {
	s := p.src.src
	v := variable{}
	if m := exportPrefix.FindString(s[p.off:]); m != "" {
		v.export = true
		p.off += len("export")
		for p.off < len(s) {
			r, size := utf8.DecodeRuneInString(s[p.off:])
			if !isSpace(r) {
				break
			}
			p.off += size
		}
	}
	start := p.off
	end, sep := -1, byte(0)
	for i, r := range s[start:] {
		if isSpace(r) {
			continue
		}
		switch r {
		case '=', ':', '\n':
			end, sep = start+i, byte(r)
		case '_', '.', '-', '[', ']':
			continue
		default:
			if unicode.IsLetter(r) || unicode.IsNumber(r) {
				continue
			}
			return v, false, p.errorf(start+i, "unexpected character %q in a variable name", r)
		}
		break
	}
	if end < 0 {
		// compose treats a last line without = as the value of a variable with an empty name.
		v.name = ""
		v.nameStart, v.nameEnd = start, start
		p.off = start
		return p.value(v)
	}
	name := strings.TrimRightFunc(s[start:end], unicode.IsSpace)
	v.name, v.nameStart, v.nameEnd = name, start, start+len(name)
	if sep == '\n' {
		p.off = end + 1
		if strings.Contains(name, " ") {
			return v, false, p.errorf(start, "a variable name cannot contain a space")
		}
		return v, false, nil
	}
	if strings.Contains(name, " ") {
		return v, false, p.errorf(start, "a variable name cannot contain a space")
	}
	p.off = end + 1
	for p.off < len(s) {
		r, size := utf8.DecodeRuneInString(s[p.off:])
		if !isSpace(r) {
			break
		}
		p.off += size
	}
	return p.value(v)
}

// value parses the value at p.off for variable v.
func (p *parser) value(v variable) (variable, bool, error) {
	s := p.src.src
	v.valueStart = p.off
	if p.off >= len(s) || (s[p.off] != '"' && s[p.off] != '\'') {
		v.quote = "none"
		line, _, _ := strings.Cut(s[p.off:], "\n")
		val := line
		if i := strings.Index(val, " #"); i >= 0 {
			p.comment(p.off + i + 1)
			val = val[:i]
		}
		val = strings.TrimRightFunc(val, unicode.IsSpace)
		v.valueEnd = v.valueStart + len(val)
		p.off = v.valueStart + len(line)
		if p.off < len(s) {
			p.off++ // the newline
		}
		expanded, err := p.expand(v.name, val)
		if err != nil {
			return v, false, p.errorf(v.valueStart, "%s", err.Error())
		}
		v.value = expanded
		return v, true, nil
	}
	quote := s[p.off]
	if quote == '"' {
		v.quote = "double"
	} else {
		v.quote = "single"
	}
	var chars []byte
	escaped := false
	for i := p.off + 1; i < len(s); i++ {
		c := s[i]
		if c != quote {
			if !escaped && c == '\\' {
				escaped = true
				continue
			}
			if escaped {
				escaped = false
				chars = append(chars, '\\')
			}
			chars = append(chars, c)
			continue
		}
		if escaped {
			escaped = false
			chars = append(chars, c)
			continue
		}
		val := string(chars)
		v.valueEnd = i + 1
		p.off = i + 1
		if quote == '"' {
			expanded, err := p.expand(v.name, unescape(val))
			if err != nil {
				return v, false, p.errorf(v.valueStart, "%s", err.Error())
			}
			val = expanded
		}
		v.value = val
		// What follows the closing quote on the same line: a comment is recorded here;
		// anything else starts the next statement, as compose reads it.
		rest := p.off
		for rest < len(s) && (s[rest] == ' ' || s[rest] == '\t' || s[rest] == '\r') {
			rest++
		}
		if rest < len(s) && s[rest] == '#' {
			p.comment(rest)
		}
		return v, true, nil
	}
	return v, false, p.errorf(v.valueStart, "unterminated %s-quoted value of %s", v.quote, displayName(v.name))
}

func displayName(n string) string {
	if n == "" {
		return "an unnamed variable"
	}
	return n
}

// Bounds on what interpolation may cost, far above what real files need. compose-go rescans
// the rest of a value for every ${…} in it, so a few thousand of them take minutes; and each
// line may double the one before (A=$A$A), so forty lines would need a terabyte.
const (
	maxBracedRefs   = 32
	maxInterpolated = 1 << 20 // bytes of variable values copied into values, over the file
)

// expand applies compose's ${VAR} interpolation, seeing only earlier variables of this file.
// Its error names the variable, never the value.
func (p *parser) expand(name, val string) (string, error) {
	if !strings.Contains(val, "$") {
		return val, nil
	}
	if strings.Count(val, "${") > maxBracedRefs {
		return "", fmt.Errorf("the value of %s holds more than %d ${…} substitutions", displayName(name), maxBracedRefs)
	}
	over := false
	out, err := template.Substitute(val, func(k string) (string, bool) {
		v, ok := p.values[k]
		if p.interpolated += len(v); p.interpolated > maxInterpolated {
			over = true
			return "", ok
		}
		return v, ok
	})
	if over {
		return "", fmt.Errorf("the value of %s makes the file's ${…} substitutions copy more than %d KiB", displayName(name), maxInterpolated>>10)
	}
	if err != nil {
		var missing *template.MissingRequiredError
		if errors.As(err, &missing) {
			return "", fmt.Errorf("the value of %s requires %s, which is not set earlier in this file", displayName(name), missing.Variable)
		}
		return "", fmt.Errorf("invalid ${…} substitution in the value of %s", displayName(name))
	}
	return out, nil
}

var escapeSeq = regexp.MustCompile(`(\\(?:[abcfnrtv$"\\]|0\d{0,3}))`)

// unescape applies the escapes compose honours in double-quoted values.
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	return escapeSeq.ReplaceAllStringFunc(s, func(m string) string {
		if m == `\$` {
			return "$$" // a literal dollar for the interpolation that follows
		}
		if strings.HasPrefix(m, `\0`) {
			m = `\` + m[2:]
		}
		r, _, _, err := strconv.UnquoteChar(m, '"')
		if err != nil {
			return m
		}
		return string(r)
	})
}

func buildDocument(path string, src *source, vars []variable, comments []scanners.Comment) *scanners.Document {
	spans := make(scanners.Spans, 3*len(vars)+1) // sized once: three spans a variable
	spans.Set(scanners.Span{Key: scanners.LineRange(1, 1, 1), Value: scanners.LineRange(1, 1, 1)})
	last := map[string]int{}
	for i, v := range vars {
		last[v.name] = i
	}
	list := make([]any, 0, len(vars))
	env := map[string]scanners.StackVar{}
	rater := strength.NewRater()
	// firstByValue maps the value of each effective secret-named variable to the first one
	// holding it: a later one "reuses" it (ENV010), found in one pass, not pair by pair.
	firstByValue := map[string]string{}
	for i, v := range vars {
		key := src.Range(v.nameStart, v.nameEnd)
		val := src.Range(v.valueStart, v.valueEnd)
		spans.Set(scanners.Span{Key: key, Value: val, ID: v.name}, "vars", i)
		spans.Set(scanners.Span{Key: key, Value: key}, "vars", i, "name")
		spans.Set(scanners.Span{Key: val, Value: val}, "vars", i, "value")
		effective := last[v.name] == i
		entry := map[string]any{
			"name":      v.name,
			"value":     v.value,
			"line":      key.Start.Line,
			"quote":     v.quote,
			"export":    v.export,
			"effective": effective,
			"weak":      effective && rater.WeakSecret(v.name, v.value),
		}
		if effective && v.value != "" && secret.IsSecretName(v.name) {
			if first, ok := firstByValue[v.value]; ok {
				entry["reuses"] = first
			} else {
				firstByValue[v.value] = v.name
			}
		}
		list = append(list, entry)
		if effective {
			env[v.name] = scanners.StackVar{Value: v.value, Path: path, Line: key.Start.Line}
		}
	}
	return &scanners.Document{
		Kind:     "dotenv",
		Path:     path,
		Data:     map[string]any{"vars": list},
		Spans:    spans,
		Comments: comments,
		Env:      env,
		Secrets:  secrets(src, vars),
	}
}

// secrets marks the value of every secret-named variable, and whatever a value carries by
// its shape whatever its name (a URL password, a --requirepass option, a private key).
// Positions are those of the value as written, without its quotes, so a quoted line keeps
// them; a value written as a reference (${REDIS_PASSWORD}) names where the secret is and is
// shown.
func secrets(src *source, vars []variable) []secret.Span {
	var out []secret.Span
	for _, v := range vars {
		from, to := v.valueStart, v.valueEnd
		if v.quote != "none" && to-from >= 2 {
			from, to = from+1, to-1
		}
		raw := src.src[from:to]
		if secret.IsSecretName(v.name) && !secret.Plain(raw) && !secret.Plain(v.value) {
			value := v.value
			if strings.Contains(raw, "$") && v.quote != "single" {
				value = secret.Literal(raw) // the referenced values are secrets of their own
			}
			out = append(out, src.Secret(from, to, value))
			continue
		}
		out = append(out, src.SecretsIn(raw, from)...)
	}
	return out
}
