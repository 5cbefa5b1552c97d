package compose_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/compose"
)

// TestMalformedFilesAtTheMistake: a compose file that is not YAML, or that compose-go
// refuses, is a ParseError at the line and column of the mistake, and its message never
// quotes a value of the file.
func TestMalformedFilesAtTheMistake(t *testing.T) {
	const secretLine = "    environment:\n      DB_PASSWORD: hunter2-s3cret\n"
	for name, c := range map[string]struct {
		src       string
		line, col int
	}{
		"tab indentation":   {"services:\n  web:\n    image: nginx\n" + secretLine + "\tports: []\n", 6, 1},
		"unclosed quote":    {"services:\n  web:\n" + secretLine + "    image: \"nginx\n    restart: always\n", 5, 12},
		"list expected":     {"services:\n  web:\n    image: nginx\n" + secretLine + "    ports:\n      http: \"80:80\"\n", 6, 5},
		"duplicate key":     {"services:\n  web:\n    image: nginx\n" + secretLine + "    image: redis\n", 6, 5},
		"duplicate service": {"services:\n  web:\n    image: nginx\n  db:\n    image: redis\n  web:\n    image: x\n", 6, 3},
		"dotted service":    {"services:\n  web.v2:\n    image: nginx\n" + secretLine + "    privileged: maybe\n", 6, 5},
		"bad indentation":   {"services:\n  web:\n    image: nginx\n" + secretLine + "   ports: [\"80:80\"]\n", 6, 4},
	} {
		_, err := compose.New().Parse("compose.yaml", []byte(c.src))
		var pe *scanners.ParseError
		if !errors.As(err, &pe) {
			t.Errorf("%s: got %v, want a ParseError", name, err)
			continue
		}
		if pe.Line != c.line || pe.Column != c.col {
			t.Errorf("%s: at %d:%d (%s), want %d:%d", name, pe.Line, pe.Column, pe.Msg, c.line, c.col)
		}
		if strings.Contains(pe.Msg, "hunter2") {
			t.Errorf("%s: the message quotes a secret: %s", name, pe.Msg)
		}
	}
}
