package nginx

import (
	"fmt"
	"strings"

	"github.com/deploylint/deploylint/scanners"
)

// directive is one nginx directive with its arguments and, for a block, its children.
type directive struct {
	name string
	args []string
	// argAt says where each argument is written, for the secrets among them.
	argAt []argPos
	line  int
	col   int
	// end is just past the name: a line, not only a column, since a quoted or escaped newline
	// makes a name end on a later line than it starts (a span ending before it starts).
	end      scanners.Position
	block    []*directive
	isBlock  bool
	file     string // the file it was read from (for included files)
	included bool
	// notes are the include_notes of an include that was not read.
	notes []map[string]any
}

// argPos is where an argument is written: from start to just past end, quotes included.
type argPos struct {
	start, end scanners.Position
	quoted     bool
}

// tokenizer follows nginx's ngx_conf_read_token: words separated by blanks, ";" "{" "}"
// as terminators, "#" comments at the start of a word, quotes and backslash escapes, "${" as
// part of a variable.
type tokenizer struct {
	src       string
	pos       int
	line, col int
	path      string
	depth     int // blocks open at pos
}

// maxDepth bounds block nesting, far beyond real configurations: every directive carries its
// whole context ("http>server>location>…"), so the data grows with the square of the depth
// (a 64 KiB file of "a{" took gigabytes).
const maxDepth = 100

type token struct {
	text      string
	quoted    bool
	line, col int
	end       scanners.Position // just past the token, which may end on a later line
	special   byte              // ';', '{', '}' or 0 for a word
}

func (t *tokenizer) errorf(line, col int, format string, a ...any) error {
	return &scanners.ParseError{Path: t.path, Line: line, Column: col, Msg: fmt.Sprintf(format, a...)}
}

func (t *tokenizer) advance() byte {
	c := t.src[t.pos]
	t.pos++
	if c == '\n' {
		t.line++
		t.col = 1
	} else {
		t.col++
	}
	return c
}

func (t *tokenizer) here() scanners.Position { return scanners.Position{Line: t.line, Column: t.col} }

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// next returns the next token; ok is false at the end of the input.
func (t *tokenizer) next() (token, bool, error) {
	for t.pos < len(t.src) {
		c := t.src[t.pos]
		switch {
		case isBlank(c):
			t.advance()
		case c == '#':
			for t.pos < len(t.src) && t.src[t.pos] != '\n' {
				t.advance()
			}
		default:
			goto word
		}
	}
	return token{}, false, nil
word:
	startLine, startCol := t.line, t.col
	c := t.src[t.pos]
	if c == ';' || c == '{' || c == '}' {
		t.advance()
		return token{special: c, line: startLine, col: startCol, end: scanners.Position{Line: startLine, Column: startCol + 1}}, true, nil
	}
	if c == '"' || c == '\'' {
		quote := t.advance()
		var b strings.Builder
		for {
			if t.pos >= len(t.src) {
				return token{}, false, t.errorf(t.line, t.col, "unexpected end of file, expecting %q", ";")
			}
			ch := t.advance()
			if ch == '\\' && t.pos < len(t.src) {
				n := t.advance()
				switch n {
				case quote, '\\':
					b.WriteByte(n)
				case 't':
					b.WriteByte('\t')
				case 'r':
					b.WriteByte('\r')
				case 'n':
					b.WriteByte('\n')
				default:
					b.WriteByte('\\')
					b.WriteByte(n)
				}
				continue
			}
			if ch == quote {
				break
			}
			b.WriteByte(ch)
		}
		if t.pos < len(t.src) {
			n := t.src[t.pos]
			// nginx lets ")" follow a quoted argument, for if ($x = "y").
			if !isBlank(n) && n != ';' && n != '{' && n != ')' {
				return token{}, false, t.errorf(t.line, t.col, "unexpected %q after a quoted argument", string(n))
			}
		}
		return token{text: b.String(), quoted: true, line: startLine, col: startCol, end: t.here()}, true, nil
	}
	var b strings.Builder
	variable := false
	for t.pos < len(t.src) {
		ch := t.src[t.pos]
		if ch == '{' && variable {
			b.WriteByte(t.advance())
			continue
		}
		variable = false
		// As in nginx, "}" inside a word is part of it; only blanks, ";" and "{" end a word.
		if isBlank(ch) || ch == ';' || ch == '{' {
			break
		}
		if ch == '\\' && t.pos+1 < len(t.src) {
			t.advance()
			b.WriteByte(t.advance())
			continue
		}
		if ch == '$' {
			variable = true
		}
		b.WriteByte(t.advance())
	}
	return token{text: b.String(), line: startLine, col: startCol, end: t.here()}, true, nil
}

// freeForm blocks hold entries their module parses itself (map, types, geo, …): a nested
// block inside them is an error, as nginx reports it.
var freeForm = map[string]bool{"map": true, "types": true, "geo": true, "split_clients": true, "charset_map": true}

// parseBlock reads directives until "}" (inBlock) or the end of the input.
func (t *tokenizer) parseBlock(inBlock bool, parent string) ([]*directive, error) {
	var out []*directive
	var cur *directive
	for {
		tok, ok, err := t.next()
		if err != nil {
			return nil, err
		}
		if !ok {
			if cur != nil {
				return nil, t.errorf(t.line, t.col, "unexpected end of file, expecting \";\" or \"}\"")
			}
			if inBlock {
				return nil, t.errorf(t.line, t.col, "unexpected end of file, expecting \"}\"")
			}
			return out, nil
		}
		switch tok.special {
		case ';':
			if cur == nil {
				return nil, t.errorf(tok.line, tok.col, "unexpected \";\"")
			}
			out = append(out, cur)
			cur = nil
		case '{':
			if cur == nil {
				return nil, t.errorf(tok.line, tok.col, "unexpected \"{\"")
			}
			if freeForm[parent] {
				return nil, t.errorf(tok.line, tok.col, "unexpected \"{\"")
			}
			if t.depth >= maxDepth {
				return nil, t.errorf(tok.line, tok.col, "blocks nested more than %d deep; deploylint reads no further", maxDepth)
			}
			cur.isBlock = true
			if strings.HasSuffix(cur.name, "_by_lua_block") {
				if err := t.skipLua(); err != nil {
					return nil, err
				}
			} else {
				t.depth++
				children, err := t.parseBlock(true, cur.name)
				t.depth--
				if err != nil {
					return nil, err
				}
				cur.block = children
			}
			out = append(out, cur)
			cur = nil
		case '}':
			if cur != nil {
				return nil, t.errorf(tok.line, tok.col, "unexpected \"}\"")
			}
			if !inBlock {
				return nil, t.errorf(tok.line, tok.col, "unexpected \"}\"")
			}
			return out, nil
		default:
			if cur == nil {
				cur = &directive{name: tok.text, line: tok.line, col: tok.col, end: tok.end}
			} else {
				cur.args = append(cur.args, tok.text)
				cur.argAt = append(cur.argAt, argPos{start: scanners.Position{Line: tok.line, Column: tok.col}, end: tok.end, quoted: tok.quoted})
			}
		}
	}
}

// skipLua consumes a *_by_lua_block body: Lua code, whose braces inside strings and comments
// do not count.
func (t *tokenizer) skipLua() error {
	depth := 1
	for t.pos < len(t.src) {
		c := t.advance()
		switch {
		case c == '"' || c == '\'':
			for t.pos < len(t.src) {
				d := t.advance()
				if d == '\\' && t.pos < len(t.src) {
					t.advance()
					continue
				}
				if d == c || d == '\n' {
					break
				}
			}
		case c == '-' && t.pos < len(t.src) && t.src[t.pos] == '-':
			for t.pos < len(t.src) && t.src[t.pos] != '\n' {
				t.advance()
			}
		case c == '{':
			depth++
		case c == '}':
			depth--
			if depth == 0 {
				return nil
			}
		}
	}
	return t.errorf(t.line, t.col, "unexpected end of file, expecting \"}\"")
}

// parseText parses one file's text into directives.
func parseText(path, src string) ([]*directive, error) {
	t := &tokenizer{src: strings.TrimPrefix(src, "\uFEFF"), line: 1, col: 1, path: path}
	return t.parseBlock(false, "")
}
