// Package fuzzcheck holds what every parser's fuzz target checks: seeds from the fixtures, and
// the invariants of spans and errors that the engine and the reports rely on. Only tests
// import it.
package fuzzcheck

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/secret"
)

// MaxInput bounds one input: deployment configuration is small, and what breaks parsers
// (deep nesting, long lines, quadratic scans) shows well below it.
const MaxInput = 64 << 10

// SeedFiles returns the files under dir that match, so that fuzzing starts from real
// configuration rather than from nothing.
func SeedFiles(f *testing.F, dir string, match func(p string) bool) [][]byte {
	f.Helper()
	// Read through an os.Root: a fixture may point outside the repository on purpose.
	root, err := os.OpenRoot(dir)
	if err != nil {
		f.Fatal(err)
	}
	defer root.Close()
	var out [][]byte
	err = fs.WalkDir(root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "fuzz" {
			return fs.SkipDir // go's own corpus, in its own encoding
		}
		// Symbolic links are left out as well.
		if !d.Type().IsRegular() || !match(filepath.Join(dir, filepath.FromSlash(p))) {
			return nil
		}
		b, err := fs.ReadFile(root.FS(), p)
		if err != nil {
			return err
		}
		out = append(out, b)
		return nil
	})
	if err != nil {
		f.Fatal(err)
	}
	if len(out) == 0 {
		f.Fatalf("no seed files under %s: fuzzing would start blind", dir)
	}
	return out
}

// Lines is the number of lines of src as the parser counts them (LF-terminated).
func Lines(src []byte) int { return bytes.Count(src, []byte("\n")) + 1 }

// YAMLLines is the number of lines of src as YAML counts them: CR, LF, CRLF, NEL, LS and
// PS all end a line, and a UTF-16 stream is counted after decoding.
func YAMLLines(src []byte) int {
	text := string(src)
	if len(src) >= 2 && (src[0] == 0xFF && src[1] == 0xFE || src[0] == 0xFE && src[1] == 0xFF) {
		u := make([]uint16, 0, len(src)/2)
		for i := 2; i+1 < len(src); i += 2 {
			if src[0] == 0xFF {
				u = append(u, uint16(src[i])|uint16(src[i+1])<<8)
			} else {
				u = append(u, uint16(src[i])<<8|uint16(src[i+1]))
			}
		}
		text = string(utf16.Decode(u))
	}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	n := 1
	for _, r := range text {
		switch r {
		case '\n', '\r', '\u0085', '\u2028', '\u2029':
			n++
		}
	}
	return n
}

// Range fails on a range an editor or a SARIF viewer could not show.
func Range(t *testing.T, what string, r scanners.Range, maxLine int) {
	t.Helper()
	for _, p := range []scanners.Position{r.Start, r.End} {
		if p.Line < 1 || p.Column < 1 || p.Line > maxLine {
			t.Fatalf("%s: position %+v outside the input (lines 1..%d)", what, p, maxLine)
		}
	}
	if r.End.Line < r.Start.Line || (r.End.Line == r.Start.Line && r.End.Column < r.Start.Column) {
		t.Fatalf("%s: range %+v ends before it starts", what, r)
	}
}

// Spans checks every span of a document and that the root has one, which the
// engine's nearest-parent fallback relies on.
func Spans(t *testing.T, spans scanners.Spans, maxLine int) {
	t.Helper()
	if _, _, ok := spans.Resolve(nil); !ok {
		t.Fatal("the document root has no span")
	}
	for k, sp := range spans {
		Range(t, "key range of "+k, sp.Key, maxLine)
		Range(t, "value range of "+k, sp.Value, maxLine)
	}
}

// Error fails unless err is a positioned *scanners.ParseError inside the input.
func Error(t *testing.T, err error, maxLine int) {
	t.Helper()
	var pe *scanners.ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("error %q is a %T, not a *scanners.ParseError", err, err)
	}
	if pe.Line < 1 || pe.Line > maxLine || pe.Column < 1 {
		t.Fatalf("error %q at %d:%d, outside the input (lines 1..%d)", err, pe.Line, pe.Column, maxLine)
	}
}

// Same compares two parse results; NaN (YAML's .nan) is not DeepEqual to itself, so the
// printed forms, which sort map keys, decide when DeepEqual says no.
func Same(a, b any) bool {
	return reflect.DeepEqual(a, b) || fmt.Sprintf("%#v", a) == fmt.Sprintf("%#v", b)
}

// YAMLSeeds are hostile YAML inputs every YAML-based format starts from: encodings, broken
// quoting, deep nesting, alias bombs and self-references, merge keys, odd line breaks, tags and
// multi-document streams.
func YAMLSeeds() []string {
	return []string{
		"",
		"\x00",
		"\xff\xfe\x00",
		"\xff\xfea\x00:\x00 \x001\x00\n\x00",
		"a: \xff\xfe\n",
		"a: " + strings.Repeat("x", 10000),
		"a: \"unterminated\n",
		"a: 'unterminated",
		"a: {b: [c, {d: e\n",
		strings.Repeat("[", 1000) + strings.Repeat("]", 1000),
		strings.Repeat("- ", 3000) + "x",
		"a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n",
		"a: &a {b: *a}\n",
		"&a [*a]",
		"base: &base {x: 1, y: 2}\nm:\n  <<: [*base, {z: 3}]\n  x: 0\nn: {<<: *base}\no: {<<: x}\n",
		"a: 1\r\nb:\r\n  - 2\r\n  - \"x\r\n    y\"\r\n",
		"a:\u0085b: 1\u2028c: 2\u2029\rd: 3\n",
		"? [a, b]\n: c\n? {x: y}\n: z\n",
		"a: .nan\nb: -.inf\nc: 0x1F\nd: 1e400\ne: !!int x\nf: !!float y\ng: !!bool z\nh: !!binary aGk=\ni: 2001-12-14\n",
		"a: |\n  x\n  y\nb: >-\n  z\n",
		"--- 1\n--- [2]\n--- {a: 3}\n...\n",
		"---\n---\n---\n",
		strings.Repeat("---\n", 2000),
		"%YAML 1.2\n%TAG ! tag:x,2000:\n--- !x a\n",
		"a: b\n\t- c\n",
	}
}

// Twice parses the same input twice and fails unless both parses agree (determinism); an
// error must be a positioned ParseError inside the input, and then Twice returns nil. The
// document's spans are checked.
func Twice(t *testing.T, parse func() (*scanners.Document, error), maxLine int) *scanners.Document {
	t.Helper()
	doc, err := parse()
	again, errAgain := parse()
	if fmt.Sprint(err) != fmt.Sprint(errAgain) {
		t.Fatalf("errors differ between two parses: %v / %v", err, errAgain)
	}
	if err != nil {
		Error(t, err, maxLine)
		return nil
	}
	if !Same(doc.Data, again.Data) || !Same(doc.Spans, again.Spans) ||
		!Same(doc.Comments, again.Comments) || !Same(doc.Env, again.Env) || !Same(doc.Secrets, again.Secrets) {
		t.Fatal("two parses of the same bytes differ")
	}
	Spans(t, doc.Spans, maxLine)
	Secrets(t, doc.Secrets, maxLine)
	return doc
}

// Secrets fails on a secret span of the document's own file that lies outside the input or
// ends before it starts; the Redactor masks by these positions.
func Secrets(t *testing.T, spans []secret.Span, maxLine int) {
	t.Helper()
	for _, sp := range spans {
		if sp.Path != "" || sp.Line == 0 {
			continue // another file's, or known by value only
		}
		end := max(sp.EndLine, sp.Line)
		if sp.Line < 0 || end > maxLine || sp.Column < 1 || sp.EndColumn < 0 ||
			(end == sp.Line && sp.EndColumn != 0 && sp.EndColumn < sp.Column) {
			t.Fatalf("secret span %+v outside the input (lines 1..%d) or inverted", sp, maxLine)
		}
	}
}
