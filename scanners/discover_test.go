package scanners_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/confine"
)

// fakeScanner claims *.fake by name and *.maybe when the content starts with "fake".
type fakeScanner struct{}

func (fakeScanner) Kind() string { return "fake" }

func (fakeScanner) Match(rel string) scanners.NameMatch {
	switch {
	case strings.HasSuffix(rel, ".fake"):
		return scanners.Match
	case strings.HasSuffix(rel, ".maybe"):
		return scanners.MaybeMatch
	case strings.HasSuffix(rel, ".doc"):
		return scanners.ExplicitOnly
	}
	return scanners.NoMatch
}

func (fakeScanner) Sniff(head []byte) bool { return strings.HasPrefix(string(head), "fake") }

func (fakeScanner) Parse(string, []byte) (*scanners.Document, error) { return nil, nil }

func write(t *testing.T, root, rel, content string) string {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func rels(ts []scanners.Target) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Rel)
	}
	return out
}

func TestDiscoverWalk(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	write(t, root, "a.fake", "x")
	write(t, root, "sub/b.fake", "x")
	write(t, root, "c.maybe", "fake content")
	write(t, root, "d.maybe", "something else")
	write(t, root, "e.doc", "x")
	write(t, root, ".git/f.fake", "x")
	write(t, root, "node_modules/g.fake", "x")
	write(t, root, "vendor/h.fake", "x")
	secret := write(t, outside, "secret.fake", "x")
	if err := os.Symlink(secret, filepath.Join(root, "escape.fake")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "a.fake"), filepath.Join(root, "inside.fake")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(root, "linkdir")); err != nil {
		t.Fatal(err)
	}
	ts, skipped, err := scanners.Discover([]string{root}, scanners.NewRegistry(scanners.Kind{Name: "fake", Scanner: fakeScanner{}}), scanners.DiscoverOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"a.fake", "c.maybe", "inside.fake", "sub/b.fake"}
	if got := rels(ts); !reflect.DeepEqual(got, want) {
		t.Errorf("targets = %v, want %v", got, want)
	}
	var escaped bool
	for _, s := range skipped {
		if s.Rel == "escape.fake" && strings.Contains(s.Reason, "out of the scan root") {
			escaped = true
		}
	}
	if !escaped {
		t.Errorf("escaping symlink not reported as skipped: %+v", skipped)
	}
}

func TestDiscoverExplicitFiles(t *testing.T) {
	root := t.TempDir()
	doc := write(t, root, "e.doc", "x")
	odd := write(t, root, "weird-name", "fake by content")
	other := write(t, root, "other-name", "not mine")
	ts, _, err := scanners.Discover([]string{doc, odd, other}, scanners.NewRegistry(scanners.Kind{Name: "fake", Scanner: fakeScanner{}}), scanners.DiscoverOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) != 2 {
		t.Fatalf("got %v, want the .doc file and the file recognised by content", rels(ts))
	}
	for _, tg := range ts {
		if !tg.Explicit || tg.Kind != "fake" {
			t.Errorf("%+v", tg)
		}
	}
}

func TestDiscoverForcedKindAndMissingPath(t *testing.T) {
	root := t.TempDir()
	write(t, root, "deploy/install.yml", "x")
	ts, _, err := scanners.Discover([]string{root}, scanners.NewRegistry(scanners.Kind{Name: "fake", Scanner: fakeScanner{}}),
		scanners.DiscoverOptions{Kinds: map[string]string{"deploy/install.yml": "fake"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := rels(ts); !reflect.DeepEqual(got, []string{"deploy/install.yml"}) {
		t.Errorf("forced kind: got %v", got)
	}
	if _, _, err := scanners.Discover([]string{filepath.Join(root, "nope")}, scanners.NewRegistry(scanners.Kind{Name: "fake", Scanner: fakeScanner{}}), scanners.DiscoverOptions{}); err == nil {
		t.Error("missing path: want an error")
	}
}

func TestSpansResolveFallsBackToParent(t *testing.T) {
	s := scanners.Spans{}
	s.Set(scanners.Span{Key: scanners.LineRange(1, 1, 1)})
	s.Set(scanners.Span{Key: scanners.LineRange(4, 1, 5)}, "users", 2)
	sp, at, ok := s.Resolve([]any{"users", float64(2), "tokens", 7})
	if !ok || sp.Key.Start.Line != 4 || len(at) != 2 {
		t.Errorf("got %+v at %v, %v", sp, at, ok)
	}
	sp, _, ok = s.Resolve([]any{"errors", 0})
	if !ok || sp.Key.Start.Line != 1 {
		t.Errorf("root fallback: got %+v, %v", sp, ok)
	}
}

// TestDocumentSpansOfLists: an element of a list kept in Lists resolves as a Spans entry
// would, whatever number type the path's index has (rules hand back JSON numbers), and a path
// below it or beyond the list falls back to its parents.
func TestDocumentSpansOfLists(t *testing.T) {
	d := &scanners.Document{Spans: scanners.Spans{}, Lists: map[string][]scanners.Span{
		scanners.PathKey("directives"): {{Key: scanners.LineRange(2, 1, 4)}, {Key: scanners.LineRange(3, 3, 9), ID: "listen"}},
	}}
	d.Spans.Set(scanners.Span{Key: scanners.LineRange(1, 1, 1)})
	for _, k := range []any{1, int64(1), float64(1), json.Number("1")} {
		if sp, ok := d.Span([]any{"directives", k}); !ok || sp.Key.Start.Line != 3 || sp.ID != "listen" {
			t.Errorf("directive %#v: %+v, %v", k, sp, ok)
		}
	}
	if sp, at, ok := d.ResolveSpan([]any{"directives", 0, "args", 1}); !ok || sp.Key.Start.Line != 2 || len(at) != 2 {
		t.Errorf("below an element: %+v at %v, %v", sp, at, ok)
	}
	for _, k := range []any{2, -1, 0.5, "0"} {
		if sp, at, _ := d.ResolveSpan([]any{"directives", k}); sp.Key.Start.Line != 1 || len(at) != 0 {
			t.Errorf("directive %#v: %+v at %v, want the root", k, sp, at)
		}
	}
}

func TestForcedKindGlobs(t *testing.T) {
	root := t.TempDir()
	write(t, root, "deploy/install.yml", "x")
	write(t, root, "deploy/site/extra.yml", "x")
	write(t, root, "other.yml", "x")
	ts, _, err := scanners.Discover([]string{root}, scanners.NewRegistry(scanners.Kind{Name: "fake", Scanner: fakeScanner{}}),
		scanners.DiscoverOptions{Kinds: map[string]string{"deploy/*.yml": "fake", "**/extra.yml": "fake"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := rels(ts); !reflect.DeepEqual(got, []string{"deploy/install.yml", "deploy/site/extra.yml"}) {
		t.Errorf("globs matched %v", got)
	}
}

// TestDiscoverLinkOutSaysOneThing: a link out of the root is reported the same whether its
// target exists or not (it used to be "broken" when missing, which told what lies outside),
// and the sniff of a MaybeMatch file goes through the reader given.
func TestDiscoverLinkOutSaysOneThing(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	secret := write(t, outside, "secret.fake", "x")
	for name, target := range map[string]string{"there.fake": secret, "missing.fake": filepath.Join(outside, "missing.fake"), "broken.fake": filepath.Join(root, "missing")} {
		if err := os.Symlink(target, filepath.Join(root, name)); err != nil {
			t.Fatal(err)
		}
	}
	write(t, root, "c.maybe", "fake content")
	r := confine.NewReader(confine.Options{})
	_, skipped, err := scanners.Discover([]string{root}, scanners.NewRegistry(scanners.Kind{Name: "fake", Scanner: fakeScanner{}}), scanners.DiscoverOptions{Reader: r})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, s := range skipped {
		got[s.Rel] = s.Reason
	}
	want := map[string]string{
		"there.fake":   "symlink leads out of the scan root; not followed",
		"missing.fake": "symlink leads out of the scan root; not followed",
		"broken.fake":  "broken or looping symlink",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("skipped = %v, want %v", got, want)
	}
	if r.Used() != int64(len("fake content")) {
		t.Errorf("the reader read %d bytes, want the sniffed file's %d", r.Used(), len("fake content"))
	}
}
