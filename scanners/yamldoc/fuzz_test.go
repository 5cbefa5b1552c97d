package yamldoc_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/internal/fuzzcheck"

	"github.com/deploylint/deploylint/scanners/yamldoc"
)

func FuzzYAMLDoc(f *testing.F) {
	isYAML := func(p string) bool { return strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml") }
	for _, b := range fuzzcheck.SeedFiles(f, "../../fixtures", isYAML) {
		f.Add(b, false)
	}
	for _, s := range fuzzcheck.YAMLSeeds() {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	for _, s := range []string{
		"A: 1\na: 2\nB: {C: 3}\n",
	} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, src []byte, lower bool) {
		if len(src) > fuzzcheck.MaxInput {
			return
		}
		maxLine := fuzzcheck.YAMLLines(src) + 1
		opt := yamldoc.Options{LowerKeys: lower}

		data, spans, err := yamldoc.Decode("x.yaml", src, opt)
		data2, spans2, err2 := yamldoc.Decode("x.yaml", src, opt)
		if fmt.Sprint(err) != fmt.Sprint(err2) {
			t.Fatalf("Decode errors differ between two runs: %v / %v", err, err2)
		}
		if err != nil {
			fuzzcheck.Error(t, err, maxLine)
		} else {
			if !fuzzcheck.Same(data, data2) || !fuzzcheck.Same(spans, spans2) {
				t.Fatal("two Decode runs of the same bytes differ")
			}
			fuzzcheck.Spans(t, spans, maxLine)
		}

		docs, errAll := yamldoc.DecodeAll("x.yaml", src, opt)
		docs2, errAll2 := yamldoc.DecodeAll("x.yaml", src, opt)
		if fmt.Sprint(errAll) != fmt.Sprint(errAll2) {
			t.Fatalf("DecodeAll errors differ between two runs: %v / %v", errAll, errAll2)
		}
		if errAll != nil {
			fuzzcheck.Error(t, errAll, maxLine)
			return
		}
		if len(docs) == 0 || !fuzzcheck.Same(docs, docs2) {
			t.Fatal("two DecodeAll runs of the same bytes differ, or gave no document")
		}
		for _, d := range docs {
			fuzzcheck.Spans(t, d.Spans, maxLine)
		}
		// The first document of a stream is what Decode reads.
		if err == nil && !fuzzcheck.Same(data, docs[0].Data) {
			t.Fatalf("Decode gives %#v, DecodeAll's first document %#v", data, docs[0].Data)
		}
	})
}
