package nginx

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/confine"
)

// Scanner reads nginx configuration.
type Scanner struct{}

// New returns the nginx scanner.
func New() *Scanner { return &Scanner{} }

// Kind is "nginx".
func (*Scanner) Kind() string { return "nginx" }

var confDirs = map[string]bool{"nginx": true, "conf.d": true, "sites-available": true, "sites-enabled": true, "http.d": true, "openresty": true}

// Match claims nginx.conf; any *.conf, *.conf.template (which the official image renders
// from /etc/nginx/templates) and *.conf.tpl, and any file in an nginx-style folder
// without an extension (sites-enabled/default), if the content confirms: nginx files live anywhere (DC/OS Admin
// Router keeps its own under packages/adminrouter/).
func (*Scanner) Match(rel string) scanners.NameMatch {
	base := scanners.Base(rel)
	switch {
	case base == "nginx.conf":
		return scanners.Match
	case strings.HasSuffix(base, ".conf") || strings.HasSuffix(base, ".conf.template") || strings.HasSuffix(base, ".conf.tpl"):
		return scanners.MaybeMatch
	}
	if path.Ext(base) != "" {
		return scanners.NoMatch // default.conf.sample, README.md: not what nginx loads
	}
	for _, part := range strings.Split(path.Dir(rel), "/") {
		if confDirs[part] || strings.HasPrefix(part, "sites-") {
			return scanners.MaybeMatch
		}
	}
	return scanners.NoMatch
}

var nginxLine = regexp.MustCompile(`(?m)^\s*(server|http|events|location|upstream|listen|server_name|include|worker_processes|proxy_pass|root|ssl_[a-z_]+|map|stream)\b[^\n]*[;{]\s*(#.*)?$`)

// Sniff accepts text with nginx directive syntax.
func (*Scanner) Sniff(head []byte) bool { return nginxLine.Match(head) }

// Parse reads one file; includes are not followed.
func (*Scanner) Parse(p string, src []byte) (*scanners.Document, error) {
	tree, err := parseText(p, string(src))
	if err != nil {
		return nil, err
	}
	return build(p, tree, nil), nil
}

// ParseFile reads a file and, through r, the files it includes from inside the scan root.
func (sc *Scanner) ParseFile(t scanners.Target, src []byte, r *confine.Reader) (*scanners.Document, error) {
	if r == nil {
		return sc.Parse(t.Rel, src)
	}
	tree, err := parseText(t.Rel, string(src))
	if err != nil {
		return nil, err
	}
	inc := &includer{rd: r, root: t.Root, mainDir: filepath.Dir(t.Path), relDir: path.Dir(t.Rel), seen: map[string]bool{}, open: map[string]bool{}}
	if abs, err := filepath.Abs(t.Path); err == nil {
		inc.seen[abs], inc.open[abs] = true, true
	}
	var notes []any
	tree, err = inc.expand(tree, 0, &notes)
	if err != nil {
		return nil, err
	}
	doc := build(t.Rel, tree, notes)
	doc.Consumed = inc.consumed
	doc.Skipped = inc.skipped
	return doc, nil
}

const maxIncludeDepth = 10

// includer inlines include directives as nginx does: relative paths against the main file's
// directory (nginx's conf prefix), /etc/nginx/… mapped onto it (the usual image layout), globs
// expanded in order, nothing outside the scan root, every file once.
type includer struct {
	rd                    *confine.Reader
	root, mainDir, relDir string
	seen                  map[string]bool
	// open holds the files being expanded now: meeting one again is a cycle, not a repeat.
	open     map[string]bool
	consumed []string
	skipped  []scanners.Skipped
	// prefixes are the folders above the main file's that hold an nginx.conf: the conf
	// prefix nginx resolves includes against when the main file is a snippet below it
	// (h5bp's test/vhosts/*.conf include h5bp/tls/…); nil until first needed.
	prefixes []string
	looked   bool
}

// glob finds an include's files against the main file's folder, else against the first conf
// prefix above it where anything matches.
func (inc *includer) glob(pat string) ([]string, error) {
	matches, err := inc.rd.Glob(inc.root, inc.mainDir, pat)
	if len(matches) > 0 || err != nil {
		return matches, err
	}
	if !inc.looked {
		inc.looked = true
		for dir := filepath.Dir(inc.mainDir); confine.Inside(inc.root, dir); dir = filepath.Dir(dir) {
			if fi, err := inc.rd.Stat(inc.root, filepath.Join(dir, "nginx.conf")); err == nil && fi.Mode().IsRegular() {
				inc.prefixes = append(inc.prefixes, dir)
			}
			if dir == filepath.Dir(dir) {
				break
			}
		}
	}
	for _, dir := range inc.prefixes {
		if m, err := inc.rd.Glob(inc.root, dir, pat); len(m) > 0 || err != nil {
			return m, err
		}
	}
	return nil, nil
}

// pattern is an include's argument as a path relative to the main file's directory; ok is
// false for an absolute path nginx would find on the server only.
func pattern(arg string) (string, bool) {
	if rest, found := strings.CutPrefix(arg, "/etc/nginx/"); found {
		return filepath.FromSlash(rest), true
	}
	if filepath.IsAbs(arg) {
		return "", false
	}
	return filepath.FromSlash(arg), true
}

// outsideReason is the one answer for an include that leads out of the scan root, whatever
// lies (or does not lie) out there.
const outsideReason = "outside the scan root; not read"

func (inc *includer) expand(ds []*directive, depth int, notes *[]any) ([]*directive, error) {
	var out []*directive
	for _, d := range ds {
		if d.isBlock {
			children, err := inc.expand(d.block, depth, notes)
			if err != nil {
				return nil, err
			}
			d.block = children
		}
		out = append(out, d)
		if d.name != "include" || len(d.args) != 1 {
			continue
		}
		note := func(reason string) {
			n := map[string]any{"line": d.line, "file": d.file, "include": d.args[0], "reason": reason}
			*notes = append(*notes, n)
			d.notes = append(d.notes, n) // build gives it the include's index
		}
		if depth >= maxIncludeDepth {
			note(fmt.Sprintf("includes nested more than %d deep; not read", maxIncludeDepth))
			continue
		}
		pat, ok := pattern(d.args[0])
		if !ok {
			note("absolute path outside the scanned tree")
			continue
		}
		matches, err := inc.glob(pat)
		if errors.Is(err, confine.ErrOutsideRoot) {
			note(outsideReason)
		}
		if len(matches) == 0 && !errors.Is(err, confine.ErrOutsideRoot) && !strings.ContainsAny(pat, "*?[") {
			note("file not found in the scanned tree")
		}
		for _, m := range matches {
			abs, err := filepath.Abs(m)
			if err != nil {
				continue
			}
			if inc.seen[abs] {
				if inc.open[abs] {
					note("includes itself through a cycle; nginx would recurse until it fails")
				}
				continue
			}
			inc.seen[abs] = true
			r, err := filepath.Rel(inc.mainDir, m)
			if err != nil {
				continue
			}
			rel := path.Join(inc.relDir, filepath.ToSlash(r))
			// Parsed once per scan whoever includes it (the reader's cache); each includer
			// gets its own copy to inline.
			v, err := inc.rd.ReadCached("nginx", inc.root, m, func(b []byte) (any, error) { return parseText("", string(b)) })
			var pe *scanners.ParseError
			if errors.As(err, &pe) {
				named := *pe
				named.Path = rel
				return nil, &named
			}
			if err != nil {
				inc.unread(rel, err, note)
				continue
			}
			sub := cloneTree(v.([]*directive))
			markFile(sub, rel)
			inc.consumed = append(inc.consumed, rel)
			inc.open[abs] = true
			sub, err = inc.expand(sub, depth+1, notes)
			delete(inc.open, abs)
			if err != nil {
				return nil, err
			}
			out = append(out, sub...)
		}
	}
	return out, nil
}

// unread notes an included file the reader refused: the include is incomplete (NGX011, and
// rules about absent settings stay quiet), and a file of the tree left unread is a skipped
// file. A symlink out of the root is the include's business only; nothing of the tree is
// skipped.
func (inc *includer) unread(rel string, err error, note func(string)) {
	switch {
	case errors.Is(err, confine.ErrOutsideRoot):
		note(outsideReason)
	case errors.Is(err, fs.ErrNotExist):
		note("file not found in the scanned tree")
	default:
		reason := confine.Reason(err)
		note(rel + ": " + reason)
		inc.skipped = append(inc.skipped, scanners.Skipped{Rel: rel, Reason: reason, Root: inc.root})
	}
}

// cloneTree copies the directives of a parsed file, which expand and markFile change, so
// that a cached parse is never changed.
func cloneTree(ds []*directive) []*directive {
	out := make([]*directive, len(ds))
	for i, d := range ds {
		c := *d
		c.block = cloneTree(d.block)
		out[i] = &c
	}
	return out
}

func markFile(ds []*directive, rel string) {
	for _, d := range ds {
		d.file, d.included = rel, true
		markFile(d.block, rel)
	}
}
