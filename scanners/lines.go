package scanners

import "github.com/deploylint/deploylint/secret"

// LineIndex maps byte offsets of a source text to 1-based lines and byte columns; every
// hand-written parser shares it.
type LineIndex struct{ starts []int }

// NewLineIndex indexes the line starts of text.
func NewLineIndex(text string) *LineIndex {
	li := &LineIndex{starts: []int{0}}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			li.starts = append(li.starts, i+1)
		}
	}
	return li
}

// Pos returns the position of a byte offset.
func (li *LineIndex) Pos(off int) Position {
	lo, hi := 0, len(li.starts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if li.starts[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return Position{Line: lo + 1, Column: off - li.starts[lo] + 1}
}

// Range returns the range of the byte offsets [start, end).
func (li *LineIndex) Range(start, end int) Range {
	return Range{Start: li.Pos(start), End: li.Pos(end)}
}

// Secret is the secret.Span of the bytes [start, end) of the indexed text, holding value.
func (li *LineIndex) Secret(start, end int, value string) secret.Span {
	r := li.Range(start, end)
	return secret.Span{Line: r.Start.Line, Column: r.Start.Column, EndLine: r.End.Line, EndColumn: r.End.Column, Value: value}
}

// SecretsIn returns the spans of the secrets secret.InText finds in text, which starts at byte
// base of the indexed text and is written there as it is (no escapes in between).
func (li *LineIndex) SecretsIn(text string, base int) []secret.Span {
	var out []secret.Span
	for _, f := range secret.InText(text) {
		out = append(out, li.Secret(base+f.Start, base+f.End, secret.Literal(text[f.Start:f.End])))
	}
	return out
}

// LineStart is the byte offset where line n (1-based) starts; false past the last line.
func (li *LineIndex) LineStart(n int) (int, bool) {
	if n < 1 || n > len(li.starts) {
		return 0, false
	}
	return li.starts[n-1], true
}
