package scanners

import (
	"bytes"
	"regexp"
	"strings"
)

// Directive is an inline suppression: `# deploylint:ignore ID[,ID] -- reason` on a line or
// the line above, `# deploylint:ignore-file ID -- reason` for the whole file.
type Directive struct {
	Line    int
	IDs     []string
	File    bool
	Reason  string
	OwnLine bool // the comment is alone on its line, so it covers the next line
}

var directiveRe = regexp.MustCompile(`#\s*deploylint:ignore(-file)?(?:\s+([^#]*?))?\s*(?:#.*)?$`)

// ParseDirectives finds the suppression comments of a file with `#` comments.
func ParseDirectives(src []byte) []Directive {
	if !bytes.Contains(src, []byte("deploylint:ignore")) {
		return nil
	}
	var out []Directive
	// Split by hand rather than with a bufio.Scanner: a line of any length (a minified
	// certificate, a long URL) must not hide the directives after it.
	rest := src
	for line := 1; len(rest) > 0; line++ {
		var raw []byte
		if j := bytes.IndexByte(rest, '\n'); j >= 0 {
			raw, rest = rest[:j], rest[j+1:]
		} else {
			raw, rest = rest, nil
		}
		if !bytes.Contains(raw, []byte("deploylint:ignore")) {
			continue
		}
		text := strings.TrimSuffix(string(raw), "\r")
		i := strings.Index(text, "deploylint:ignore")
		if i < 0 {
			continue
		}
		hash := strings.LastIndex(text[:i], "#")
		if hash < 0 {
			continue
		}
		m := directiveRe.FindStringSubmatch(text[hash:])
		if m == nil {
			continue
		}
		// "## deploylint:ignore …" is still a comment line of its own.
		d := Directive{Line: line, File: m[1] != "", OwnLine: strings.Trim(text[:hash], " \t#") == ""}
		body := m[2]
		if idsPart, reason, ok := strings.Cut(body, "--"); ok {
			body, d.Reason = idsPart, strings.TrimSpace(reason)
		}
		for _, id := range strings.FieldsFunc(body, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
			d.IDs = append(d.IDs, strings.ToUpper(id))
		}
		out = append(out, d)
	}
	return out
}
