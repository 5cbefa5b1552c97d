package nginx

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/deploylint/deploylint/scanners"
)

// Scanner reads nginx configuration.
type Scanner struct{}

// New returns the nginx scanner.
func New() *Scanner { return &Scanner{} }

// Kind is "nginx".
func (*Scanner) Kind() string { return "nginx" }

var confDirs = map[string]bool{"nginx": true, "conf.d": true, "sites-available": true, "sites-enabled": true, "http.d": true, "openresty": true}

// Match claims nginx.conf; *.conf in nginx-style folders, and templates of configuration
// (*.conf.template, which the official image renders from /etc/nginx/templates, and
// *.conf.tpl) anywhere, if the content confirms.
func (*Scanner) Match(rel string) scanners.NameMatch {
	base := scanners.Base(rel)
	switch {
	case base == "nginx.conf":
		return scanners.Match
	case strings.HasSuffix(base, ".conf.template") || strings.HasSuffix(base, ".conf.tpl"):
		return scanners.MaybeMatch
	case strings.HasSuffix(base, ".conf"):
		for _, part := range strings.Split(path.Dir(rel), "/") {
			if confDirs[part] || strings.HasPrefix(part, "sites-") {
				return scanners.MaybeMatch
			}
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

// ParseFile reads a file and the files it includes from inside the scan root.
func (*Scanner) ParseFile(t scanners.Target, src []byte) (*scanners.Document, error) {
	tree, err := parseText(t.Rel, string(src))
	if err != nil {
		return nil, err
	}
	inc := &includer{root: t.Root, mainDir: filepath.Dir(t.Path), relDir: path.Dir(t.Rel), seen: map[string]bool{}, open: map[string]bool{}}
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
	return doc, nil
}

const maxIncludeDepth = 10

// includer inlines include directives as nginx does: relative paths against the main file's
// directory (nginx's conf prefix), /etc/nginx/… mapped onto it (the usual image layout), globs
// expanded in order, nothing outside the scan root, every file once.
type includer struct {
	root, mainDir, relDir string
	seen                  map[string]bool
	// open holds the files being expanded now: meeting one again is a cycle, not a repeat.
	open     map[string]bool
	consumed []string
}

func (inc *includer) candidates(pattern string) string {
	if strings.HasPrefix(pattern, "/etc/nginx/") {
		return filepath.Join(inc.mainDir, filepath.FromSlash(strings.TrimPrefix(pattern, "/etc/nginx/")))
	}
	if filepath.IsAbs(pattern) {
		return ""
	}
	return filepath.Join(inc.mainDir, filepath.FromSlash(pattern))
}

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
		if depth >= maxIncludeDepth {
			*notes = append(*notes, map[string]any{"line": d.line, "file": d.file, "include": d.args[0], "reason": fmt.Sprintf("includes nested more than %d deep; not read", maxIncludeDepth)})
			continue
		}
		pattern := inc.candidates(d.args[0])
		if pattern == "" {
			*notes = append(*notes, map[string]any{"line": d.line, "file": d.file, "include": d.args[0], "reason": "absolute path outside the scanned tree"})
			continue
		}
		matches, _ := filepath.Glob(pattern)
		sort.Strings(matches)
		if len(matches) == 0 && !strings.ContainsAny(pattern, "*?[") {
			*notes = append(*notes, map[string]any{"line": d.line, "file": d.file, "include": d.args[0], "reason": "file not found in the scanned tree"})
		}
		for _, m := range matches {
			abs, err := filepath.Abs(m)
			if err != nil {
				continue
			}
			if inc.seen[abs] {
				if inc.open[abs] {
					*notes = append(*notes, map[string]any{"line": d.line, "file": d.file, "include": d.args[0], "reason": "includes itself through a cycle; nginx would recurse until it fails"})
				}
				continue
			}
			if !scanners.Inside(inc.root, abs) {
				*notes = append(*notes, map[string]any{"line": d.line, "file": d.file, "include": d.args[0], "reason": "outside the scan root; not read"})
				continue
			}
			inc.seen[abs] = true
			// A FIFO or device would block the scan; configuration is a regular file.
			if st, err := os.Stat(m); err != nil || !st.Mode().IsRegular() {
				continue
			}
			b, err := os.ReadFile(m)
			if err != nil {
				continue
			}
			r, err := filepath.Rel(inc.mainDir, m)
			if err != nil {
				continue
			}
			rel := path.Join(inc.relDir, filepath.ToSlash(r))
			sub, err := parseText(rel, string(b))
			if err != nil {
				return nil, err
			}
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

func markFile(ds []*directive, rel string) {
	for _, d := range ds {
		d.file, d.included = rel, true
		markFile(d.block, rel)
	}
}
