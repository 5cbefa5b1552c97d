// Package leakcheck checks that a program's output holds no piece of a planted secret: no 8
// consecutive bytes of a secret of 8 bytes or more, and no shorter secret as a whole token,
// whether written as it is or escaped the way HTML, XML, JSON, SARIF, Markdown and GitHub
// workflow commands escape text. It is the promise of secret.Redactor, seen from outside:
// tests of every format and of the CLI use it. Only tests import it.
package leakcheck

import (
	"html"
	"strconv"
	"strings"
	"testing"
)

// window is the length of the pieces of a secret that must not appear.
const window = 8

// Check fails t for every piece of secrets found in output.
func Check(t testing.TB, output []byte, secrets []string) {
	t.Helper()
	for _, leak := range Find(output, secrets) {
		t.Errorf("output leaks %s", leak)
	}
}

// Find describes every piece of secrets found in output, with some text around it.
func Find(output []byte, secrets []string) []string {
	var leaks []string
	seen := map[string]bool{}
	for _, form := range forms(string(output)) {
		for _, s := range secrets {
			for _, piece := range pieces(s) {
				at := index(form.text, piece, len(s) >= window)
				if at < 0 {
					continue
				}
				msg := strconv.Quote(piece) + " of secret " + strconv.Quote(s) + " (" + form.name + "): …" +
					form.text[max(0, at-40):min(len(form.text), at+len(piece)+40)] + "…"
				if !seen[piece+"\x00"+s] {
					seen[piece+"\x00"+s] = true
					leaks = append(leaks, msg)
				}
				break
			}
		}
	}
	return leaks
}

// pieces are the windows of a long secret, or a short secret whole.
func pieces(s string) []string {
	if len(s) < window {
		return []string{s}
	}
	out := make([]string, 0, len(s)-window+1)
	for i := 0; i+window <= len(s); i++ {
		out = append(out, s[i:i+window])
	}
	return out
}

// index finds piece in text; a short secret only where it stands as a whole token.
func index(text, piece string, anywhere bool) int {
	if anywhere {
		return strings.Index(text, piece)
	}
	for off := 0; ; {
		i := strings.Index(text[off:], piece)
		if i < 0 {
			return -1
		}
		i += off
		j := i + len(piece)
		if (i == 0 || !isWord(text[i-1]) || !isWord(piece[0])) && (j == len(text) || !isWord(text[j]) || !isWord(piece[len(piece)-1])) {
			return i
		}
		off = i + 1
	}
}

func isWord(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

type form struct{ name, text string }

// forms are the output as written and as its readers decode it.
func forms(s string) []form {
	return []form{
		{"as written", s},
		{"HTML or XML decoded", html.UnescapeString(s)},
		{"JSON decoded", unescapeJSON(s)},
		{"percent decoded", unescapePercent(s)},
		{"Markdown decoded", unescapeMarkdown(s)},
	}
}

// unescapeJSON decodes the escapes of JSON strings (\" \\ \/ \n \uXXXX …) wherever they are.
func unescapeJSON(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 >= len(s) {
			b.WriteByte(s[i])
			continue
		}
		switch c := s[i+1]; c {
		case '"', '\\', '/':
			b.WriteByte(c)
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'u':
			if i+6 <= len(s) {
				if n, err := strconv.ParseUint(s[i+2:i+6], 16, 16); err == nil {
					b.WriteRune(rune(n))
					i += 5
					continue
				}
			}
			b.WriteString(`\u`)
		default:
			b.WriteByte('\\')
			b.WriteByte(c)
		}
		i++
	}
	return b.String()
}

// unescapePercent decodes %XX, as GitHub workflow commands escape ",", ":", "%" and line breaks.
func unescapePercent(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			if n, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				b.WriteByte(byte(n))
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// unescapeMarkdown drops the backslashes Markdown puts before punctuation.
func unescapeMarkdown(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\\`*_{}[]()#+-.!|<>~$&", s[i+1]) >= 0 {
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
