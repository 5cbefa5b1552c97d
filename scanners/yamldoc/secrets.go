package yamldoc

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/secret"
)

// Extra lets a scanner add what its format holds as secrets beyond the common rules: the
// ranges, within the scalar v at path, that are secret.
type Extra func(path []any, v string) []secret.Found

// Secrets marks the secret scalars of a decoded document (data and spans as Decode returned
// them, src its text): a scalar under a secret-named key, an item of a list under one
// ("passwords: [a, b]"), whatever secret.InText finds in any scalar (a URL password, a
// KEY=VALUE item, a --requirepass option), and what extra adds. Booleans and nulls are no
// secrets.
func Secrets(src []byte, data any, spans scanners.Spans, extra Extra) []secret.Span {
	loc := NewLocator(src, spans)
	var out []secret.Span
	Scalars(data, func(path []any, v string) {
		var fs []secret.Found
		if key, ok := keyOf(path); ok && secret.IsSecretName(key) && !secret.Plain(v) {
			fs = append(fs, secret.Found{Start: 0, End: len(v)})
		} else {
			fs = secret.InText(v)
		}
		if extra != nil {
			fs = append(fs, extra(path, v)...)
		}
		for _, f := range fs {
			out = append(out, loc.Secret(path, v, f))
		}
	})
	return out
}

// keyOf is the mapping key a scalar is the value of, directly or as an item of a list. The
// items of a list of secrets or configs are their names (compose, swarm and Kubernetes refer
// to secrets so), not their values.
func keyOf(path []any) (string, bool) {
	n := len(path)
	if n == 0 {
		return "", false
	}
	if k, ok := path[n-1].(string); ok {
		return k, true
	}
	if n >= 2 {
		if k, ok := path[n-2].(string); ok && k != "secrets" && k != "configs" {
			return k, true
		}
	}
	return "", false
}

// Scalars calls fn for every string and number of data with its path, in a stable order
// (mapping keys sorted).
func Scalars(data any, fn func(path []any, v string)) {
	var walk func(v any, path []any)
	walk = func(v any, path []any) {
		switch x := v.(type) {
		case map[string]any:
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				walk(x[k], append(path[:len(path):len(path)], k))
			}
		case []any:
			for i, e := range x {
				walk(e, append(path[:len(path):len(path)], i))
			}
		case string:
			fn(path, x)
		case int64, float64:
			fn(path, fmt.Sprint(x))
		}
	}
	walk(data, nil)
}

// Locator finds where the scalars of a decoded document are written.
type Locator struct {
	src   string
	li    *scanners.LineIndex
	spans scanners.Spans
}

// NewLocator indexes src for the scalars of spans.
func NewLocator(src []byte, spans scanners.Spans) *Locator {
	s := string(src)
	return &Locator{src: s, li: scanners.NewLineIndex(s), spans: spans}
}

// Secret is the span of v[f.Start:f.End], a secret inside the scalar v at path. When the
// scalar is written as it reads (plain, or quoted without escapes, on one line) the span is
// exact; else it covers the whole scalar as written (a block scalar's lines, a quoted string
// with escapes). A path with no span of its own (a value merged in with <<) gives the value
// alone.
func (l *Locator) Secret(path []any, v string, f secret.Found) secret.Span {
	value := v[f.Start:f.End]
	sp, ok := l.spans[scanners.PathKey(path...)]
	if !ok || sp.Value.Start.Line < 1 || sp.Path != "" {
		// No position of its own (merged in with <<), or written in another file.
		return secret.Span{Value: value}
	}
	start, ok := l.offset(sp.Value.Start)
	if !ok {
		return secret.Span{Value: value}
	}
	from, to, exact, block := l.extent(start, v)
	if block {
		return secret.Span{Line: l.li.Pos(from).Line, Column: 1, EndLine: l.li.Pos(to).Line, EndColumn: 0, Value: value}
	}
	if exact {
		from, to = from+f.Start, from+f.End
	}
	return l.li.Secret(from, to, value)
}

// offset turns a yaml position (columns counting characters) into a byte offset of src.
func (l *Locator) offset(p scanners.Position) (int, bool) {
	off, ok := l.li.LineStart(p.Line)
	if !ok {
		return 0, false
	}
	for c := 1; c < p.Column; c++ {
		if off >= len(l.src) || l.src[off] == '\n' {
			return 0, false
		}
		_, size := utf8.DecodeRuneInString(l.src[off:])
		off += size
	}
	return off, true
}

// extent finds the scalar written at src[start:]: its bytes [from, to) without quotes, whether
// they read as v, and whether it is a block scalar (its lines below the indicator).
func (l *Locator) extent(start int, v string) (from, to int, exact, block bool) {
	s := l.src
	// An anchor or a tag may stand before the value: "&default secret", "!!str 1234".
	for start < len(s) && (s[start] == '&' || s[start] == '!') {
		e := start
		for e < len(s) && s[e] != ' ' && s[e] != '\t' && s[e] != '\n' {
			e++
		}
		for e < len(s) && (s[e] == ' ' || s[e] == '\t') {
			e++
		}
		start = e
	}
	eol := strings.IndexByte(s[start:], '\n')
	if eol < 0 {
		eol = len(s)
	} else {
		eol += start
	}
	switch {
	case start >= len(s):
		return start, start, false, false
	case s[start] == '"' || s[start] == '\'':
		q := s[start]
		i := start + 1
		for i < len(s) {
			if q == '"' && s[i] == '\\' {
				i += 2
				continue
			}
			if s[i] == q {
				if q == '\'' && i+1 < len(s) && s[i+1] == '\'' {
					i += 2
					continue
				}
				break
			}
			i++
		}
		to := min(i, len(s))
		return start + 1, to, s[start+1:to] == v, false
	case s[start] == '|' || s[start] == '>':
		indent := lineIndent(s, start)
		last := eol
		for next := eol + 1; next < len(s); {
			e := strings.IndexByte(s[next:], '\n')
			if e < 0 {
				e = len(s)
			} else {
				e += next
			}
			line := s[next:e]
			if strings.TrimSpace(line) != "" {
				if len(line)-len(strings.TrimLeft(line, " \t")) <= indent {
					break
				}
				last = e
			}
			next = e + 1
		}
		if last == eol {
			return start, eol, false, false // an empty block
		}
		return eol + 1, last, false, true
	}
	if strings.HasPrefix(s[start:], v) {
		return start, start + len(v), true, false
	}
	// A plain scalar folded over lines, or an alias: its first line, up to a comment.
	end := eol
	if c := strings.Index(s[start:eol], " #"); c >= 0 {
		end = start + c
	}
	return start, end, false, false
}

// lineIndent is the indentation of the line holding offset i.
func lineIndent(s string, i int) int {
	ls := strings.LastIndexByte(s[:i], '\n') + 1
	n := 0
	for ls+n < len(s) && (s[ls+n] == ' ' || s[ls+n] == '\t') {
		n++
	}
	return n
}
