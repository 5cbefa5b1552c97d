package fix

import (
	"bytes"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scanners"
)

// loopback is the address internal services are bound to.
const loopback = "127.0.0.1"

// composeNode is the compose file a finding is in and the YAML node its range starts at; a
// nil node when there is none.
func (p *planner) composeNode(fd rules.Finding) (*File, *yaml.Node) {
	f := p.in.Files[fd.Path]
	if f == nil || f.Kind != "compose" {
		return nil, nil
	}
	root := p.yamlOf(f)
	if root == nil {
		return f, nil
	}
	return f, nodeAt(root, fd.Range.Start)
}

// scalarBytes is where a scalar's value is written, without its quotes; false when the bytes
// there are not the value itself (escapes, folding, a block scalar).
func scalarBytes(src []byte, li *scanners.LineIndex, n *yaml.Node) (int, int, bool) {
	a, ok := offset(src, li, scanners.Position{Line: n.Line, Column: n.Column})
	if !ok {
		return 0, 0, false
	}
	switch n.Style {
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		a++
	case 0, yaml.FlowStyle:
	default:
		return 0, 0, false
	}
	b := a + len(n.Value)
	if b > len(src) || string(src[a:b]) != n.Value {
		return 0, 0, false
	}
	return a, b, true
}

// parseYAML decodes one YAML document with positions; nil when it does not parse.
func parseYAML(src []byte) *yaml.Node {
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		return nil
	}
	return &root
}

// compose binds the internal services' ports CMP002 flags to loopback.
func (p *planner) compose() error {
	p.findings([]string{"CMP002"}, func(i int, fd rules.Finding) {
		f, n := p.composeNode(fd)
		if n == nil {
			return
		}
		li := p.lines(f)
		const done = "bound the port to 127.0.0.1: reach it from other services by the compose network, or from the host through loopback"
		switch n.Kind {
		case yaml.ScalarNode:
			a, b, ok := scalarBytes(f.Src, li, n)
			if !ok {
				return
			}
			nv, ok := portOnLoopback(n.Value)
			if !ok {
				p.leave(i, "the host address is interpolated or the port is not in a form deploylint rewrites: bind it to 127.0.0.1 by hand")
				return
			}
			p.edit(i, f.Path, Edit{Start: a, End: b, New: nv})
			p.fixed(i, done)
		case yaml.MappingNode:
			for k := 0; k+1 < len(n.Content); k += 2 {
				if n.Content[k].Value == "host_ip" {
					v := n.Content[k+1]
					a, b, ok := scalarBytes(f.Src, li, v)
					if !ok || strings.Contains(v.Value, "$") {
						p.leave(i, "host_ip is interpolated or written in a form deploylint does not rewrite: set it to 127.0.0.1 by hand")
						return
					}
					p.edit(i, f.Path, Edit{Start: a, End: b, New: loopback})
					p.fixed(i, done)
					return
				}
			}
			if len(n.Content) == 0 {
				return
			}
			first := n.Content[0]
			at, ok := offset(f.Src, li, scanners.Position{Line: first.Line, Column: first.Column})
			if !ok {
				return
			}
			if n.Style == yaml.FlowStyle {
				p.edit(i, f.Path, Edit{Start: at, End: at, New: "host_ip: " + loopback + ", "})
			} else {
				indent := strings.Repeat(" ", first.Column-1)
				if bytes.ContainsRune(lineOf(f.Src, at), '\t') {
					return
				}
				p.edit(i, f.Path, Edit{Start: at, End: at, New: "host_ip: " + loopback + lineEnding(f.Src) + indent})
			}
			p.fixed(i, done)
		}
	})
	return nil
}

// lineOf is the line holding offset at.
func lineOf(src []byte, at int) []byte {
	a := bytes.LastIndexByte(src[:at], '\n') + 1
	b := bytes.IndexByte(src[at:], '\n')
	if b < 0 {
		return src[a:]
	}
	return src[a : at+b]
}

// portOnLoopback rewrites a short port syntax ([IP:][HOST:]CONTAINER[/PROTO]) to publish on
// 127.0.0.1; false when the host address is interpolated or the form is not recognised.
func portOnLoopback(s string) (string, bool) {
	// ${…} may hold colons (${PORT:-6379}): count the separators outside them.
	masked := []byte(s)
	depth := 0
	for k := 0; k < len(masked); k++ {
		switch {
		case masked[k] == '$' && k+1 < len(masked) && masked[k+1] == '{':
			depth++
			k++
		case masked[k] == '}' && depth > 0:
			depth--
		case depth > 0:
			masked[k] = 'x'
		}
	}
	if depth != 0 {
		return "", false
	}
	m := string(masked)
	if strings.HasPrefix(m, "[") { // [::]:HOST:CONTAINER
		end := strings.Index(m, "]:")
		if end < 0 {
			return "", false
		}
		return loopback + s[end+1:], true
	}
	switch strings.Count(m, ":") {
	case 0:
		return loopback + "::" + s, true
	case 1:
		return loopback + ":" + s, true
	case 2:
		ip := s[:strings.Index(m, ":")]
		if strings.Contains(ip, "$") {
			return "", false
		}
		return loopback + s[len(ip):], true
	}
	return "", false
}
