package yamldoc_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/yamldoc"
)

// TestSyntaxErrorsAtTheirPlace: a syntax error is reported at the line and column of the
// mistake, not at the line yaml.v3's message names (for a parser error, the line before the
// enclosing block), and never quotes the document.
func TestSyntaxErrorsAtTheirPlace(t *testing.T) {
	for name, c := range map[string]struct {
		src       string
		line, col int
	}{
		"tab indentation":        {"services:\n  web:\n\timage: nginx\n", 3, 1},
		"tab after spaces":       {"services:\n  web:\n    image: nginx\n  \tports: []\n", 4, 3},
		"unclosed double quote":  {"services:\n  web:\n    image: \"nginx\n    environment:\n      DB_PASSWORD: hunter2secret\n", 3, 12},
		"unclosed single quote":  {"a: 1\nb: 'x\n", 2, 4},
		"key out of indentation": {"services:\n  web:\n    image: nginx\n   ports: [1]\n", 4, 4},
		"list item in a mapping": {"services:\n  web:\n    image: x\n  - y\n", 4, 3},
		"colon in a plain value": {"services:\n  web:\n    command: a: b\n", 3, 15},
		"unclosed flow list":     {"services:\n  web:\n    ports: [80:80\n    image: x\n", 4, 10},
		"unknown escape":         {"a: \"x\\q\"\n", 1, 6},
		"unclosed flow mapping":  {"a: {b: 1\n", 2, 1}, // where the file ends, as the parser says
		"second document":        {"a: 1\n---\nb: 'x\n", 3, 4},
	} {
		_, err := yamldoc.DecodeAll("f.yaml", []byte(c.src), yamldoc.Options{})
		var pe *scanners.ParseError
		if !errors.As(err, &pe) {
			t.Errorf("%s: got %v, want a ParseError", name, err)
			continue
		}
		if pe.Line != c.line || pe.Column != c.col {
			t.Errorf("%s: at %d:%d (%s), want %d:%d", name, pe.Line, pe.Column, pe.Msg, c.line, c.col)
		}
		if strings.Contains(pe.Msg, "hunter2") || strings.Contains(pe.Msg, "nginx") {
			t.Errorf("%s: the message quotes the file: %s", name, pe.Msg)
		}
	}
}
