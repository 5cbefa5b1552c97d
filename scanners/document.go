// Package scanners holds what every format parser produces (Document, Range, Spans), how files
// are discovered and classified, and how documents of one deployment directory are grouped.
package scanners

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/deploylint/deploylint/secret"
)

// Position is a 1-based line and column (columns count bytes, as most editors and SARIF
// consumers using "utf16CodeUnits"-agnostic tooling expect for ASCII config files).
type Position struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// Range is a half-open source range: End points just past the last character.
type Range struct {
	Start Position `json:"start"`
	End   Position `json:"end"`
}

// IsZero reports whether the range carries no position at all.
func (r Range) IsZero() bool { return r.Start.Line == 0 }

// LineRange returns a range covering columns [startCol, endCol) of one line.
func LineRange(line, startCol, endCol int) Range {
	return Range{Start: Position{Line: line, Column: startCol}, End: Position{Line: line, Column: endCol}}
}

// Span locates one node of a document's data in a source file. Path is the file that holds it,
// which differs from the document's own path when the value was taken from another file (an
// interpolated .env value, say): findings then point where the user must edit.
type Span struct {
	Path string `json:"path,omitempty"`
	// ID is a stable name for an array element (a variable or user name), used instead of its
	// index in fingerprints so that inserting lines above a finding keeps its fingerprint.
	ID    string `json:"id,omitempty"`
	Key   Range  `json:"key"`
	Value Range  `json:"value"`
}

// Spans maps a data path (see PathKey) to its source span.
type Spans map[string]Span

// Set records the span of a data path.
func (s Spans) Set(span Span, path ...any) { s[PathKey(path...)] = span }

// Comment is a source comment; rules never see them, suppressions do.
type Comment struct {
	Line   int    `json:"line"`
	Column int    `json:"column"`
	Text   string `json:"text"`
}

// Document is what one parser makes of one file: its data, where each part of it is, and what
// the parser learnt in passing. What the driver learns about the file afterwards (its stack,
// git status, mode, mounts) travels beside it in rules.Input, never in here.
type Document struct {
	Kind  string `json:"kind"`
	Path  string `json:"path"`
	Data  any    `json:"data"`
	Spans Spans  `json:"-"`
	// Lists holds the spans of the elements of long lists, by the list's PathKey: element k
	// of the list at path p is Lists[PathKey(p...)][k]. A file of a million nginx directives
	// costs a slice here, where Spans would cost a map entry (240 bytes) per directive.
	Lists map[string][]Span `json:"-"`
	// Locate, when set, finds the spans of paths the parser can compute from offsets it kept,
	// before Lists and Spans are asked: a file of 100,000 ACL users has a million tokens.
	Locate   func(path []any) (Span, bool) `json:"-"`
	Comments []Comment                     `json:"-"`
	// Env is what this document contributes to its stack's variables (a .env file's
	// effective variables); nil for other kinds.
	Env map[string]StackVar `json:"-"`
	// Binds maps a container path to the file the document mounts there, as a slash path
	// relative to the scan root (compose bind mounts inside the root); nil for other kinds.
	Binds map[string]string `json:"-"`
	// SecretFiles lists files (root-relative slash paths) the configuration says hold secrets
	// (compose secrets: file:); the driver gives rules their modes.
	SecretFiles []string `json:"-"`
	// Directives are the file's inline suppressions (kinds with # comments).
	Directives []Directive `json:"-"`
	// Siblings are further documents of the same file (a multi-document YAML stream); the
	// driver judges each as a document of its own.
	Siblings []*Document `json:"-"`
	// Consumed lists the files (root-relative slash paths) this document read inline, such as
	// nginx or redis.conf includes: they are judged in this document's context, not again alone.
	Consumed []string `json:"-"`
	// Referenced lists the files this document names as being of a kind whatever their
	// names say (an env_file is a dotenv file): the pipeline judges each such file of the
	// tree as that kind, unless it is a target already.
	Referenced []Reference `json:"-"`
	// Skipped lists the files this document would have read beside its own (an include, an
	// env_file, an extends file) that the reader refused: above the size limit or the scan's
	// budget, not a regular file, a symlink out of the root. Rel is relative to the scan root;
	// for a file named by a path that leaves the root it is this document's own file, and the
	// reason names the path as written. The pipeline reports each as a skipped file (META004).
	Skipped []Skipped `json:"-"`
	// Secrets are the secret values the parser saw, each where it saw it (Path empty for this
	// document's own file, else the root-relative slash path of the file that holds it). The
	// driver builds the scan's secret.Redactor from every document's Secrets; rules never see
	// them.
	Secrets []secret.Span `json:"-"`
}

// StackVar is one effective variable of a .env file.
type StackVar struct {
	Value string `json:"value"`
	Path  string `json:"path"`
	Line  int    `json:"line"`
}

// PathKey encodes a data path (strings for object keys, ints for array indexes) as the key of
// a Spans map. Rego returns array indexes as JSON numbers, so float64 and json.Number are
// accepted too.
func PathKey(path ...any) string {
	var b strings.Builder
	for i, p := range path {
		if i > 0 {
			b.WriteByte('/')
		}
		switch v := p.(type) {
		case string:
			b.WriteString(strconv.Quote(v))
		case int:
			b.WriteString(strconv.Itoa(v))
		case int64:
			b.WriteString(strconv.FormatInt(v, 10))
		case float64:
			b.WriteString(strconv.FormatInt(int64(v), 10))
		case json.Number:
			b.WriteString(v.String())
		default:
			fmt.Fprintf(&b, "%v", v)
		}
	}
	return b.String()
}

// Resolve finds the span of a data path, falling back to the nearest parent that has one (a
// rule reporting an absent key lands on the enclosing block). ok is false when not even the
// root has a span.
func (s Spans) Resolve(path []any) (Span, []any, bool) {
	for n := len(path); n >= 0; n-- {
		if sp, ok := s[PathKey(path[:n]...)]; ok {
			return sp, path[:n], true
		}
	}
	return Span{}, nil, false
}

// Span is the span recorded for exactly path, by Locate, in Lists or in Spans.
func (d *Document) Span(path []any) (Span, bool) {
	if d.Locate != nil {
		if sp, ok := d.Locate(path); ok {
			return sp, true
		}
	}
	if n := len(path); n > 0 && len(d.Lists) > 0 {
		if k, ok := Index(path[n-1]); ok {
			if list, ok := d.Lists[PathKey(path[:n-1]...)]; ok && k < len(list) {
				return list[k], true
			}
		}
	}
	sp, ok := d.Spans[PathKey(path...)]
	return sp, ok
}

// ResolveSpan is Spans.Resolve over Lists and Spans together: the span of path, else of its
// nearest parent that has one.
func (d *Document) ResolveSpan(path []any) (Span, []any, bool) {
	for n := len(path); n >= 0; n-- {
		if sp, ok := d.Span(path[:n]); ok {
			return sp, path[:n], true
		}
	}
	return Span{}, nil, false
}

// Index reads a path element as a list index, as PathKey writes it.
func Index(p any) (int, bool) {
	var k int64
	switch v := p.(type) {
	case int:
		k = int64(v)
	case int64:
		k = v
	case float64:
		if v != float64(int64(v)) {
			return 0, false
		}
		k = int64(v)
	case json.Number:
		n, err := v.Int64()
		if err != nil {
			return 0, false
		}
		k = n
	default:
		return 0, false
	}
	if k < 0 || k > math.MaxInt32 {
		return 0, false
	}
	return int(k), true
}

// ParseError is a parse failure at a source position; it becomes a META001 finding.
type ParseError struct {
	Path   string
	Line   int
	Column int
	Msg    string
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Column, e.Msg)
}

// Reference is a file a document names as being of a kind: Rel is root-relative, in slash
// form.
type Reference struct {
	Rel  string
	Kind string
}
