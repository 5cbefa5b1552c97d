package secret

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Printable escapes what a terminal or a browser acts on instead of showing: C0 and C1 control
// characters (tab and newline kept), DEL, and the bidirectional embeddings, overrides and
// isolates (U+202A–U+202E, U+2066–U+2069) that reorder the text around them, so a hostile file
// name or value cannot make a report say something else than it does ("Trojan Source"). Each
// becomes \u followed by its four hex digits, so the reader still sees that it was there.
func Printable(s string) string {
	i := strings.IndexFunc(s, unprintable)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		if unprintable(r) {
			fmt.Fprintf(&b, `\u%04x`, r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func unprintable(r rune) bool {
	switch {
	case r == '\t' || r == '\n':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	case r == utf8.RuneError:
		return false // invalid UTF-8 is the encoders' business (JSON writes U+FFFD)
	}
	return false
}
