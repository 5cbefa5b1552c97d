package redisconf

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"strings"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/confine"
	"github.com/deploylint/deploylint/secret"
)

// Scanner reads redis.conf files.
type Scanner struct{}

// New returns the redis-conf scanner.
func New() *Scanner { return &Scanner{} }

// Kind is "redis-conf".
func (*Scanner) Kind() string { return "redis-conf" }

// Match claims redis*.conf when its content has Redis directives.
func (*Scanner) Match(rel string) scanners.NameMatch {
	base := strings.ToLower(scanners.Base(rel))
	if strings.HasPrefix(base, "redis") && strings.HasSuffix(base, ".conf") {
		return scanners.MaybeMatch
	}
	return scanners.NoMatch
}

// knownDirectives are directives only redis.conf has; one of them confirms the kind.
var knownDirectives = map[string]bool{
	"bind": true, "port": true, "requirepass": true, "protected-mode": true, "aclfile": true,
	"appendonly": true, "maxmemory": true, "save": true, "dbfilename": true, "tls-port": true,
	"rename-command": true, "masterauth": true, "replicaof": true, "databases": true, "tcp-backlog": true,
	"maxmemory-policy": true, "tcp-keepalive": true, "loglevel": true, "daemonize": true, "user": true,
}

// Sniff accepts content whose first directive lines include a known Redis directive and no
// nginx-style block or statement endings.
func (*Scanner) Sniff(head []byte) bool {
	found := false
	for _, l := range strings.Split(string(head), "\n") {
		t := strings.TrimSpace(l)
		if t == "" || t[0] == '#' {
			continue
		}
		if strings.HasSuffix(t, "{") || strings.HasSuffix(t, ";") || t == "}" {
			return false // nginx-style blocks
		}
		f := strings.Fields(t)
		if knownDirectives[strings.ToLower(f[0])] {
			found = true
		}
	}
	return found
}

type arg struct {
	text       string
	start, end int
}

// Parse reads a redis.conf file without following its includes.
func (*Scanner) Parse(path string, src []byte) (*scanners.Document, error) {
	return parse(path, src, nil)
}

// ParseFile reads a redis.conf file and follows, through r, `include` directives whose files
// lie inside the scan root, as Redis reads them inline; absolute paths (the container's) are
// not followed.
func (*Scanner) ParseFile(t scanners.Target, src []byte, r *confine.Reader) (*scanners.Document, error) {
	if r == nil {
		return parse(t.Rel, src, nil)
	}
	inc := &includer{rd: r, root: t.Root, dir: filepath.Dir(t.Path), relDir: path.Dir(t.Rel), seen: map[string]bool{}}
	if abs, err := filepath.Abs(t.Path); err == nil {
		inc.seen[abs] = true
	}
	doc, err := parse(t.Rel, src, inc)
	if err != nil {
		return nil, err
	}
	doc.Skipped = inc.skipped
	return doc, nil
}

const maxIncludeDepth = 10

// includer resolves include patterns inside the scan root, once per file.
type includer struct {
	rd                *confine.Reader
	root, dir, relDir string
	seen              map[string]bool
	skipped           []scanners.Skipped
}

type included struct {
	rel string
	src []byte
}

// resolve reads the files an include in the file from names. What the reader refuses is
// recorded as skipped: the file itself when it is in the tree, the including file (with the
// pattern as written) when the pattern leads out of the root.
func (inc *includer) resolve(from, pattern string) []included {
	if inc == nil || filepath.IsAbs(pattern) {
		return nil
	}
	matches, err := inc.rd.Glob(inc.root, inc.dir, filepath.FromSlash(pattern))
	if errors.Is(err, confine.ErrOutsideRoot) {
		inc.skipped = append(inc.skipped, scanners.Skipped{Rel: from, Reason: fmt.Sprintf("include %s: outside the scan root; not read", pattern), Root: inc.root})
	}
	var out []included
	for _, m := range matches {
		abs, err := filepath.Abs(m)
		if err != nil || inc.seen[abs] {
			continue
		}
		inc.seen[abs] = true
		r, err := filepath.Rel(inc.dir, m)
		if err != nil {
			continue
		}
		rel := path.Join(inc.relDir, filepath.ToSlash(r))
		// Read once per scan whoever includes it (the reader's cache).
		v, err := inc.rd.ReadCached("redis-conf", inc.root, m, func(b []byte) (any, error) { return b, nil })
		b, _ := v.([]byte)
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				inc.skipped = append(inc.skipped, scanners.Skipped{Rel: rel, Reason: confine.Reason(err), Root: inc.root})
			}
			continue
		}
		out = append(out, included{rel: rel, src: b})
	}
	return out
}

func parse(rel string, src []byte, inc *includer) (*scanners.Document, error) {
	spans := scanners.Spans{}
	spans.Set(scanners.Span{Key: scanners.LineRange(1, 1, 1), Value: scanners.LineRange(1, 1, 1)})
	var list []any
	var secrets []secret.Span
	if err := parseInto(rel, src, true, &list, spans, &secrets, inc, 0); err != nil {
		return nil, err
	}
	return &scanners.Document{Kind: "redis-conf", Path: rel, Data: map[string]any{"directives": list}, Spans: spans, Secrets: secrets}, nil
}

// parseInto appends the directives of one file (and, depth first, of its includes).
func parseInto(rel string, src []byte, own bool, list *[]any, spans scanners.Spans, secrets *[]secret.Span, inc *includer, depth int) error {
	text := string(src)
	li := scanners.NewLineIndex(text)
	spanPath := ""
	if !own {
		spanPath = rel
	}
	start := 0
	for lineNo := 1; start <= len(text); lineNo++ {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		line := text[start:end]
		lineStart := start
		start = end + 1
		const cut = " \t\r\n"
		left := len(line) - len(strings.TrimLeft(line, cut))
		body := strings.TrimRight(line[left:], cut)
		if body == "" || body[0] == '#' {
			continue
		}
		args, bad := splitArgs(body, lineStart+left)
		if bad >= 0 {
			p := li.Pos(bad)
			return &scanners.ParseError{Path: rel, Line: p.Line, Column: p.Column, Msg: "unbalanced quotes in this line (Redis refuses to start)"}
		}
		if len(args) == 0 {
			continue
		}
		i := len(*list)
		name := strings.ToLower(args[0].text)
		vals := make([]any, 0, len(args)-1)
		for j, a := range args[1:] {
			vals = append(vals, a.text)
			r := li.Range(a.start, a.end)
			spans.Set(scanners.Span{Path: spanPath, Key: r, Value: r}, "directives", i, "args", j)
		}
		valRange := li.Range(args[0].end, args[0].end)
		if len(args) > 1 {
			valRange = li.Range(args[1].start, args[len(args)-1].end)
		}
		spans.Set(scanners.Span{Path: spanPath, Key: li.Range(args[0].start, args[0].end), Value: valRange, ID: name}, "directives", i)
		d := map[string]any{"name": name, "args": vals, "line": lineNo}
		if !own {
			d["file"] = rel
		}
		*list = append(*list, d)
		for _, sp := range argSecrets(text, li, name, args) {
			sp.Path = spanPath
			*secrets = append(*secrets, sp)
		}
		if name == "include" && len(args) == 2 && depth < maxIncludeDepth {
			for _, f := range inc.resolve(rel, args[1].text) {
				if err := parseInto(f.rel, f.src, false, list, spans, secrets, inc, depth+1); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// argSecrets marks the secrets of one directive: every argument of a secret-named one
// (requirepass, masterauth, tls-key-file-pass), the last of one whose first argument is
// secret-named (sentinel auth-pass MASTER PASSWORD), the passwords and hashes of a user
// directive's ACL rules, and what any argument carries by its shape (a URL password).
func argSecrets(text string, li *scanners.LineIndex, name string, args []arg) []secret.Span {
	var out []secret.Span
	mark := func(a arg, f secret.Found) {
		from, to := a.start, a.end
		if q := text[from]; (q == '"' || q == '\'') && to-from >= 2 {
			from, to = from+1, to-1
		}
		// Without escapes the argument is its text, and the secret can be pointed at exactly.
		if to-from == len(a.text) {
			from, to = from+f.Start, from+f.End
		}
		if v := a.text[f.Start:f.End]; !secret.Plain(v) {
			out = append(out, li.Secret(from, to, v))
		}
	}
	all := func(a arg) secret.Found { return secret.Found{Start: 0, End: len(a.text)} }
	for j, a := range args[1:] {
		switch {
		case secret.IsSecretName(name):
			mark(a, all(a))
		case j == len(args)-2 && j >= 1 && secret.IsSecretName(args[1].text):
			mark(a, all(a))
		case name == "user" && j >= 1:
			if f, ok := secret.ACLToken(a.text); ok {
				mark(a, f)
			}
		default:
			for _, f := range secret.InText(a.text) {
				mark(a, f)
			}
		}
	}
	return out
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

func hexVal(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}

// splitArgs splits a line as Redis's sdssplitargs does. bad is the offset of the quote that
// is not balanced, or -1.
func splitArgs(s string, base int) ([]arg, int) {
	var out []arg
	i := 0
	for {
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if i >= len(s) {
			return out, -1
		}
		begin := i
		var cur []byte
		inDQ, inSQ := false, false
		quoteAt := -1
		tokEnd := len(s)
		for done := false; !done; {
			switch {
			case inDQ:
				switch {
				case i >= len(s):
					return nil, base + quoteAt
				case s[i] == '\\' && i+3 < len(s) && s[i+1] == 'x' && isHex(s[i+2]) && isHex(s[i+3]):
					cur = append(cur, hexVal(s[i+2])*16+hexVal(s[i+3]))
					i += 3
				case s[i] == '\\' && i+1 < len(s):
					i++
					switch s[i] {
					case 'n':
						cur = append(cur, '\n')
					case 'r':
						cur = append(cur, '\r')
					case 't':
						cur = append(cur, '\t')
					case 'b':
						cur = append(cur, '\b')
					case 'a':
						cur = append(cur, '\a')
					default:
						cur = append(cur, s[i])
					}
				case s[i] == '"':
					if i+1 < len(s) && !isSpace(s[i+1]) {
						return nil, base + quoteAt
					}
					done, tokEnd = true, i+1
				default:
					cur = append(cur, s[i])
				}
			case inSQ:
				switch {
				case i >= len(s):
					return nil, base + quoteAt
				case s[i] == '\\' && i+1 < len(s) && s[i+1] == '\'':
					i++
					cur = append(cur, '\'')
				case s[i] == '\'':
					if i+1 < len(s) && !isSpace(s[i+1]) {
						return nil, base + quoteAt
					}
					done, tokEnd = true, i+1
				default:
					cur = append(cur, s[i])
				}
			default:
				switch {
				case i >= len(s):
					done, tokEnd = true, len(s)
				case isSpace(s[i]):
					done, tokEnd = true, i
				case s[i] == '"':
					inDQ, quoteAt = true, i
				case s[i] == '\'':
					inSQ, quoteAt = true, i
				default:
					cur = append(cur, s[i])
				}
			}
			if i < len(s) {
				i++
			}
		}
		out = append(out, arg{text: string(cur), start: base + begin, end: base + tokEnd})
	}
}
