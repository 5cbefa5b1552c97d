package scanners_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/scanners"
)

// fuzzMaxInput bounds one input: deployment configuration is small, and what breaks parsers
// (deep nesting, long lines, quadratic scans) shows well below it.
const fuzzMaxInput = 64 << 10

func FuzzDirectives(f *testing.F) {
	err := filepath.WalkDir("../fixtures", func(p string, d fs.DirEntry, err error) error {
		// Symbolic links are left out: a fixture may point outside the repository on purpose.
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		b, err := os.ReadFile(p)
		if err == nil && bytes.Contains(b, []byte("#")) {
			f.Add(b)
		}
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{
		"",
		"\x00",
		"# deploylint:ignore",
		"#deploylint:ignore-file",
		"a: 1 # deploylint:ignore ENV001,env002 -- the reason # trailing\r\n",
		"# deploylint:ignore ENV001 --\n# deploylint:ignore -- only a reason\n",
		"x # y # deploylint:ignore A B\tC,,D -- r -- s\n",
		"# deploylint:ignored ENV001\n# deploylint:ignore-filex\ndeploylint:ignore A\n",
		"# deploylint:ignore \xff\xfe -- \x00\n",
		"# deploylint:ignore " + strings.Repeat("A,", 4000),
		strings.Repeat("# deploylint:ignore X\n", 400),
		strings.Repeat("#", 10000) + "deploylint:ignore X",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > fuzzMaxInput {
			return
		}
		ds := scanners.ParseDirectives(src)
		if again := scanners.ParseDirectives(src); !reflect.DeepEqual(ds, again) {
			t.Fatal("two parses of the same bytes differ")
		}
		lines := strings.Split(string(src), "\n")
		prev := 0
		for _, d := range ds {
			if d.Line <= prev || d.Line > len(lines) {
				t.Fatalf("directive on line %d after line %d, in %d lines", d.Line, prev, len(lines))
			}
			prev = d.Line
			text := lines[d.Line-1]
			i := strings.Index(text, "deploylint:ignore")
			if i < 0 || !strings.Contains(text[:i], "#") {
				t.Fatalf("line %d holds no directive comment: %q", d.Line, text)
			}
			// As directives.go decides it: only blanks and hashes before the `#` that opens it.
			if own := strings.Trim(text[:strings.LastIndex(text[:i], "#")], " \t#") == ""; d.OwnLine != own {
				t.Fatalf("line %d: OwnLine = %v for %q", d.Line, d.OwnLine, text)
			}
			if d.Reason != strings.TrimSpace(d.Reason) {
				t.Fatalf("line %d: reason %q is not trimmed", d.Line, d.Reason)
			}
			for _, id := range d.IDs {
				if id == "" || id != strings.ToUpper(id) || strings.ContainsAny(id, ", \t") {
					t.Fatalf("line %d: rule ID %q", d.Line, id)
				}
			}
		}
	})
}

func FuzzLineIndex(f *testing.F) {
	for _, s := range []string{"", "\n", "a", "a\nb", "a\r\nb\n", "\n\n\n", "\xff\n\x00", strings.Repeat("x\n", 1000)} {
		f.Add(s, 0)
		f.Add(s, len(s))
		f.Add(s, len(s)/2)
	}
	f.Fuzz(func(t *testing.T, text string, off int) {
		if len(text) > fuzzMaxInput {
			return
		}
		li := scanners.NewLineIndex(text)
		// Parsers hand offsets within the text, its end included.
		offsets := []int{0, len(text)}
		if off >= 0 && off <= len(text) {
			offsets = append(offsets, off)
		}
		for i := 0; i < len(text); i++ {
			if text[i] == '\n' {
				offsets = append(offsets, i, i+1)
			}
		}
		for _, o := range offsets {
			before := text[:o]
			want := scanners.Position{
				Line:   strings.Count(before, "\n") + 1,
				Column: o - (strings.LastIndexByte(before, '\n') + 1) + 1,
			}
			if got := li.Pos(o); got != want {
				t.Fatalf("Pos(%d) = %+v, want %+v", o, got, want)
			}
		}
		if r := li.Range(0, len(text)); r.Start != li.Pos(0) || r.End != li.Pos(len(text)) {
			t.Fatalf("Range(0, %d) = %+v", len(text), r)
		}
	})
}

// fuzzOps decodes a byte string into Spans operations.
type fuzzOps struct{ b []byte }

func (o *fuzzOps) byte() (byte, bool) {
	if len(o.b) == 0 {
		return 0, false
	}
	c := o.b[0]
	o.b = o.b[1:]
	return c, true
}

// path reads a data path of string and int elements; the alphabet is small so that paths
// share prefixes and Resolve has parents to fall back to.
func (o *fuzzOps) path() []any {
	n, _ := o.byte()
	p := make([]any, 0, n%5)
	for range int(n % 5) {
		c, ok := o.byte()
		if !ok {
			break
		}
		if c&1 == 0 {
			p = append(p, int(int8(c))>>1)
			continue
		}
		l := int(c>>1) % 4
		if l > len(o.b) {
			l = len(o.b)
		}
		p = append(p, string(o.b[:l]))
		o.b = o.b[l:]
	}
	return p
}

// fuzzSpanEntry is what the reference model holds: a path and the span last set for it.
type fuzzSpanEntry struct {
	path []any
	span scanners.Span
}

// FuzzSpansResolve checks Spans.Set and Resolve against a plain list: the longest prefix of
// the path with a span wins, the last Set of a path counts, and an index given as int64,
// float64 or json.Number (as Rego hands it back) resolves as the int does.
func FuzzSpansResolve(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{0, 1, 0, 2, 1, 3, 'a', 4})
	f.Add([]byte{0, 2, 7, 'u', 's', 'e', 2, 0, 3, 7, 'u', 's', 'e', 2, 1, 4, 7, 'u', 's', 'e', 2, 0, 6})
	f.Add([]byte{0, 3, 3, '/', 5, '"', '"', 0xFF, 1, 4, 3, '/', 5, '"', '"', 0xFF, 1})
	f.Add([]byte{0, 0, 0, 1, 2, 0xFE, 0x02, 1, 2, 0xFE, 0x02, 1, 1, 0xFE})
	f.Fuzz(func(t *testing.T, ops []byte) {
		if len(ops) > fuzzMaxInput {
			return
		}
		o := &fuzzOps{b: ops}
		spans := scanners.Spans{}
		var model []fuzzSpanEntry
		for n := 0; ; n++ {
			op, ok := o.byte()
			if !ok {
				return
			}
			p := o.path()
			if op&1 == 0 {
				sp := scanners.Span{ID: strconv.Itoa(n), Key: scanners.LineRange(n+1, 1, 2)}
				spans.Set(sp, p...)
				model = append(model, fuzzSpanEntry{path: p, span: sp})
				continue
			}
			wantSpan, wantLen, wantOK := fuzzResolve(model, p)
			for _, q := range fuzzIndexForms(p) {
				sp, prefix, ok := spans.Resolve(q)
				if ok != wantOK || sp != wantSpan || len(prefix) != wantLen {
					t.Fatalf("Resolve(%#v) = %+v, %#v, %v; want %+v, length %d, %v", q, sp, prefix, ok, wantSpan, wantLen, wantOK)
				}
				if ok && !reflect.DeepEqual(prefix, q[:wantLen]) {
					t.Fatalf("Resolve(%#v) returned %#v, not a prefix of the path", q, prefix)
				}
			}
		}
	})
}

// fuzzResolve is Resolve done the slow way.
func fuzzResolve(model []fuzzSpanEntry, p []any) (scanners.Span, int, bool) {
	for n := len(p); n >= 0; n-- {
		for i := len(model) - 1; i >= 0; i-- {
			if reflect.DeepEqual(model[i].path, p[:n]) || (n == 0 && len(model[i].path) == 0) {
				return model[i].span, n, true
			}
		}
	}
	return scanners.Span{}, 0, false
}

// fuzzIndexForms returns the path with its int elements as the other number types a path
// may arrive in.
func fuzzIndexForms(p []any) [][]any {
	forms := [][]any{p}
	for _, conv := range []func(int) any{
		func(i int) any { return int64(i) },
		func(i int) any { return float64(i) },
		func(i int) any { return json.Number(strconv.Itoa(i)) },
	} {
		q := make([]any, len(p))
		for i, e := range p {
			if n, ok := e.(int); ok {
				q[i] = conv(n)
			} else {
				q[i] = e
			}
		}
		forms = append(forms, q)
	}
	return forms
}
