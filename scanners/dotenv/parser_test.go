package dotenv_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/dotenv"
)

type wantVar struct {
	name, value, quote string
	line, keyCol       int
	valStart, valEnd   scanners.Position
	effective, export  bool
}

func vars(t *testing.T, doc *scanners.Document) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, v := range doc.Data.(map[string]any)["vars"].([]any) {
		out = append(out, v.(map[string]any))
	}
	return out
}

func TestParsePositionsAndValues(t *testing.T) {
	src := "# header\n" + // 1
		"A=1\n" + // 2
		"export  B=\"two words\"   # why\n" + // 3
		"C='lit $A'\n" + // 4
		"D=\"x\n" + // 5
		"y\"\n" + // 6
		"  E = spaced out  \n" + // 7
		"A=again\n" + // 8
		"F=\n" // 9
	doc, err := dotenv.New().Parse(".env", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	pos := func(l, c int) scanners.Position { return scanners.Position{Line: l, Column: c} }
	want := []wantVar{
		{name: "A", value: "1", quote: "none", line: 2, keyCol: 1, valStart: pos(2, 3), valEnd: pos(2, 4)},
		{name: "B", value: "two words", quote: "double", line: 3, keyCol: 9, valStart: pos(3, 11), valEnd: pos(3, 22), effective: true, export: true},
		{name: "C", value: "lit $A", quote: "single", line: 4, keyCol: 1, valStart: pos(4, 3), valEnd: pos(4, 11), effective: true},
		{name: "D", value: "x\ny", quote: "double", line: 5, keyCol: 1, valStart: pos(5, 3), valEnd: pos(6, 3), effective: true},
		{name: "E", value: "spaced out", quote: "none", line: 7, keyCol: 3, valStart: pos(7, 7), valEnd: pos(7, 17), effective: true},
		{name: "A", value: "again", quote: "none", line: 8, keyCol: 1, valStart: pos(8, 3), valEnd: pos(8, 8), effective: true},
		{name: "F", value: "", quote: "none", line: 9, keyCol: 1, valStart: pos(9, 3), valEnd: pos(9, 3), effective: true},
	}
	got := vars(t, doc)
	if len(got) != len(want) {
		t.Fatalf("got %d vars, want %d: %v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g["name"] != w.name || g["value"] != w.value || g["quote"] != w.quote || g["line"] != w.line ||
			g["effective"] != w.effective || g["export"] != w.export {
			t.Errorf("var %d = %v, want %+v", i, g, w)
		}
		sp := doc.Spans[scanners.PathKey("vars", i)]
		if sp.Key.Start != pos(w.line, w.keyCol) || sp.Value.Start != w.valStart || sp.Value.End != w.valEnd {
			t.Errorf("var %d (%s) span = %+v, want key at %d:%d, value %v-%v", i, w.name, sp, w.line, w.keyCol, w.valStart, w.valEnd)
		}
		if sp.ID != w.name {
			t.Errorf("var %d span ID %q", i, sp.ID)
		}
	}
	if doc.Env["A"].Value != "again" || doc.Env["A"].Line != 8 || doc.Env["A"].Path != ".env" {
		t.Errorf("stack env A = %+v", doc.Env["A"])
	}
	if len(doc.Comments) != 2 || doc.Comments[0].Text != " header" || doc.Comments[1].Line != 3 || doc.Comments[1].Text != " why" {
		t.Errorf("comments = %+v", doc.Comments)
	}
}

func TestParseErrorsNameThePlaceNotTheValue(t *testing.T) {
	for _, tc := range []struct {
		src       string
		line, col int
		msg       string
	}{
		{"A=1\nSECRET=\"s3cr3t-value\n", 2, 8, "unterminated double-quoted value of SECRET"},
		{"A=1\nB='s3cr3t-value\n", 2, 3, "unterminated single-quoted value of B"},
		{"A=1\nMY KEY=s3cr3t-value\n", 2, 1, "cannot contain a space"},
		{"A=1\nB$=s3cr3t-value\n", 2, 2, "unexpected character"},
		{"P=${REQUIRED:?must be set}s3cr3t-value\n", 1, 3, "requires REQUIRED"},
		{"P=${s3cr3t-value\n", 1, 3, "invalid ${…} substitution in the value of P"},
		// Interpolation is bounded (found fuzzing): each line doubles the value, and compose-go
		// takes minutes over thousands of ${…} in one value.
		{"A=s3cr3t-value\n" + strings.Repeat("A=$A$A\n", 40), 17, 3, "substitutions copy more than 1024 KiB"},
		{"P=" + strings.Repeat("${A:-s3cr3t-value}", 33) + "\n", 1, 3, "more than 32 ${…} substitutions"},
	} {
		_, err := dotenv.New().Parse("x.env", []byte(tc.src))
		var pe *scanners.ParseError
		if !errors.As(err, &pe) {
			t.Errorf("%q: got %v, want a ParseError", tc.src, err)
			continue
		}
		if pe.Line != tc.line || pe.Column != tc.col || !strings.Contains(pe.Msg, tc.msg) {
			t.Errorf("%q: got %d:%d %q, want %d:%d …%s…", tc.src, pe.Line, pe.Column, pe.Msg, tc.line, tc.col, tc.msg)
		}
		if strings.Contains(pe.Error(), "s3cr3t") {
			t.Errorf("%q: error leaks the value: %v", tc.src, pe)
		}
	}
}

func TestMatch(t *testing.T) {
	s := dotenv.New()
	for name, want := range map[string]scanners.NameMatch{
		".env":              scanners.Match,
		"prod.env":          scanners.Match,
		".env.production":   scanners.Match,
		"deploy/.env.local": scanners.Match,
		".env.example":      scanners.ExplicitOnly,
		".env.template":     scanners.ExplicitOnly,
		"env.example":       scanners.ExplicitOnly,
		"environment.yaml":  scanners.NoMatch,
		"users.acl":         scanners.NoMatch,
	} {
		if got := s.Match(name); got != want {
			t.Errorf("Match(%q) = %v, want %v", name, got, want)
		}
	}
	if !s.Sniff([]byte("# c\nDOMAIN=x\nexport B=\"multi\nline\"\n")) {
		t.Error("Sniff refuses a dotenv file")
	}
	if s.Sniff([]byte("server {\n listen 80;\n}\n")) || s.Sniff([]byte("services:\n  a:\n    image: x\n")) {
		t.Error("Sniff accepts a non-dotenv file")
	}
}

func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("A=\"\\"))
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, err := dotenv.New().Parse("f.env", src)
		if err != nil {
			var pe *scanners.ParseError
			if !errors.As(err, &pe) || pe.Line < 1 || pe.Column < 1 {
				t.Fatalf("error without a position: %v", err)
			}
			return
		}
		lines := strings.Count(string(src), "\n") + 1
		for k, sp := range doc.Spans {
			for _, r := range []scanners.Range{sp.Key, sp.Value} {
				if r.Start.Line < 1 || r.End.Line > lines || r.Start.Line > r.End.Line {
					t.Fatalf("span %s out of the file (%d lines): %+v", k, lines, sp)
				}
			}
		}
	})
}

func BenchmarkParse(b *testing.B) {
	src, err := os.ReadFile("../../fixtures/stacks/cosmos-default/.env")
	if err != nil {
		b.Fatal(err)
	}
	s := dotenv.New()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := s.Parse(".env", src); err != nil {
			b.Fatal(err)
		}
	}
}

// TestReusesNamesTheFirstHolder: every later effective secret-named variable holding a value
// seen before names the first holder; names that are not secret, empty values and overridden
// lines do not take part.
func TestReusesNamesTheFirstHolder(t *testing.T) {
	src := "A_PASSWORD=Vd8tq2Lw9Zr4\nUSER=Vd8tq2Lw9Zr4\nB_TOKEN=Vd8tq2Lw9Zr4\nC_SECRET=other\nC_SECRET=Vd8tq2Lw9Zr4\nD_KEY=\nE_KEY=\n"
	doc, err := dotenv.New().Parse(".env", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range vars(t, doc) {
		if r, ok := v["reuses"].(string); ok {
			got = append(got, v["name"].(string)+"<-"+r)
		}
	}
	if s := strings.Join(got, " "); s != "B_TOKEN<-A_PASSWORD C_SECRET<-A_PASSWORD" {
		t.Errorf("got %q", s)
	}
}
