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
