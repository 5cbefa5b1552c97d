package fix

import (
	"bytes"
	"strings"

	"github.com/deploylint/deploylint/rules"
)

// obsoleteProtocol names the protocols NGX001 and NGX012 flag.
func obsoleteProtocol(p string) bool {
	switch p {
	case "SSLv2", "SSLv3", "TLSv1", "TLSv1.1":
		return true
	}
	return false
}

// nginx removes obsolete protocols from the ssl_protocols directives NGX001 and NGX012 flag
// (also proxy_ssl_protocols and the stream and mail ones); a directive left with none allows
// TLSv1.2 and TLSv1.3.
func (p *planner) nginx() error {
	p.findings([]string{"NGX001", "NGX012"}, func(i int, fd rules.Finding) {
		f := p.in.Files[fd.Path]
		if f == nil {
			return
		}
		name0, nameEnd, ok := span(f.Src, p.lines(f), fd.Range)
		if !ok || !bytes.HasSuffix(f.Src[name0:nameEnd], []byte("ssl_protocols")) {
			return
		}
		semi := bytes.IndexByte(f.Src[nameEnd:], ';')
		if semi < 0 {
			return
		}
		args := f.Src[nameEnd : nameEnd+semi]
		if bytes.ContainsAny(args, "{}#$\"'\\") {
			p.leave(i, "the directive's arguments use quotes, variables or comments deploylint does not rewrite: edit it by hand")
			return
		}
		var kept []string
		for _, a := range strings.Fields(string(args)) {
			if !obsoleteProtocol(a) {
				kept = append(kept, a)
			}
		}
		if len(kept) == 0 {
			kept = []string{"TLSv1.2", "TLSv1.3"}
		}
		lead := len(args) - len(bytes.TrimLeft(args, " \t\r\n"))
		trail := len(args) - len(bytes.TrimRight(args, " \t\r\n"))
		start, end := nameEnd+lead, nameEnd+len(args)-trail
		if start >= end {
			return
		}
		p.edit(i, f.Path, Edit{Start: start, End: end, New: strings.Join(kept, " ")})
		p.fixed(i, "ssl_protocols now allows only "+strings.Join(kept, " "))
	})
	return nil
}

// nginxSettings adds what NGX002 and NGX008 find missing where nginx reads it: ssl_protocols
// TLSv1.2 TLSv1.3 after the listen directive of a TLS server that relies on the defaults (nginx
// before 1.27.3 still allows TLSv1 and TLSv1.1), and server_tokens off in the http block (or in
// place of on/build).
func (p *planner) nginxSettings() error {
	blocks := map[string]map[int]bool{} // per file, the blocks given ssl_protocols
	p.findings([]string{"NGX002", "NGX008"}, func(i int, fd rules.Finding) {
		f := p.in.Files[fd.Path]
		if f == nil || f.Kind != "nginx" {
			return
		}
		at, end, ok := span(f.Src, p.lines(f), fd.Range)
		if !ok || at >= len(f.Src) {
			return
		}
		word := string(f.Src[at:end])
		switch {
		case fd.RuleID == "NGX002" && word == "listen":
			block := openingBrace(f.Src, at)
			if block < 0 {
				return
			}
			if blocks[f.Path] == nil {
				blocks[f.Path] = map[int]bool{}
			}
			if !blocks[f.Path][block] {
				blocks[f.Path][block] = true
				eol := lineEnd(f.Src, at)
				p.edit(i, f.Path, Edit{Start: eol, End: eol, New: lineEnding(f.Src) + indentOf(f.Src, at) + "ssl_protocols TLSv1.2 TLSv1.3;"})
			}
			p.fixed(i, "added ssl_protocols TLSv1.2 TLSv1.3; to the server")
		case fd.RuleID == "NGX008" && word == "server_tokens":
			semi := bytes.IndexByte(f.Src[end:], ';')
			args := bytes.TrimSpace(f.Src[end : end+max(semi, 0)])
			if semi < 0 || bytes.ContainsAny(args, "$\"'#{}") || len(args) == 0 {
				return
			}
			a := end + bytes.Index(f.Src[end:end+semi], args)
			p.edit(i, f.Path, Edit{Start: a, End: a + len(args), New: "off"})
			p.fixed(i, "set server_tokens off")
		case fd.RuleID == "NGX008" && word == "http":
			brace := bytes.IndexByte(f.Src[end:], '{')
			if brace < 0 || len(bytes.TrimSpace(f.Src[end:end+brace])) > 0 {
				return
			}
			eol := lineEnd(f.Src, end+brace)
			indent := indentOf(f.Src, at) + "    "
			if next := eol + len(lineEnding(f.Src)); next < len(f.Src) {
				if in := indentOf(f.Src, next); in != indentOf(f.Src, at) {
					indent = in
				}
			}
			p.edit(i, f.Path, Edit{Start: eol, End: eol, New: lineEnding(f.Src) + indent + "server_tokens off;"})
			p.fixed(i, "added server_tokens off; to the http block")
		}
	})
	return nil
}

// openingBrace is the offset of the { that opens the block holding offset at; -1 at the top.
func openingBrace(src []byte, at int) int {
	depth := 0
	for k := at - 1; k >= 0; k-- {
		switch src[k] {
		case '}':
			depth++
		case '{':
			if depth == 0 {
				return k
			}
			depth--
		}
	}
	return -1
}

// lineEnd is the offset of the line ending of the line holding at (its \r of \r\n).
func lineEnd(src []byte, at int) int {
	n := bytes.IndexByte(src[at:], '\n')
	if n < 0 {
		return len(src)
	}
	e := at + n
	if e > 0 && src[e-1] == '\r' {
		e--
	}
	return e
}

// indentOf is the blanks that start the line holding at.
func indentOf(src []byte, at int) string {
	a := bytes.LastIndexByte(src[:at], '\n') + 1
	b := a
	for b < len(src) && (src[b] == ' ' || src[b] == '\t') {
		b++
	}
	return string(src[a:b])
}
