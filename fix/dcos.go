package fix

import (
	"regexp"

	"go.yaml.in/yaml/v3"

	"github.com/deploylint/deploylint/rules"
)

// dcos turns TLS 1.0 and 1.1 off on Admin Router (keeping 1.2 on) and sets the auth cookie's
// Secure flag, in a DC/OS genconf/config.yaml.
func (p *planner) dcos() error {
	// A document end (...) or another document (---): a key appended would land outside.
	endMarker := regexp.MustCompile(`(?m)^(\.\.\.|---)[ \t]*(#.*)?\r?$`)
	p.findings([]string{"DCOS003", "DCOS013", "DCOS005"}, func(i int, fd rules.Finding) {
		f := p.in.Files[fd.Path]
		if f == nil || f.Kind != "dcos-config" {
			return
		}
		root := p.yamlOf(f)
		if root == nil || len(root.Content) != 1 || root.Content[0].Kind != yaml.MappingNode || root.Content[0].Style == yaml.FlowStyle {
			return
		}
		top := root.Content[0]
		li := p.lines(f)
		set := func(key, value string) bool {
			for k := 0; k+1 < len(top.Content); k += 2 {
				if top.Content[k].Value != key {
					continue
				}
				v := top.Content[k+1]
				if v.Kind != yaml.ScalarNode {
					return false
				}
				a, b, ok := scalarBytes(f.Src, li, v)
				if !ok {
					return false
				}
				switch v.Style {
				case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
				default:
					value = "'" + value + "'" // DC/OS reads its booleans as strings
				}
				if string(f.Src[a:b]) != value {
					p.edit(i, f.Path, Edit{Start: a, End: b, New: value})
				}
				return true
			}
			if top.Column != 1 || endMarker.Match(f.Src) {
				return false // an appended key would land after the document's end
			}
			p.edit(i, f.Path, appendLines(f.Src, key+": '"+value+"'"))
			return true
		}
		switch fd.RuleID {
		case "DCOS005":
			if set("auth_cookie_secure_flag", "true") {
				p.fixed(i, "set auth_cookie_secure_flag: 'true'")
			}
		default:
			ok := true
			for _, k := range []string{"adminrouter_tls_1_0_enabled", "adminrouter_tls_1_1_enabled"} {
				if n := topValue(top, k); n != nil && n.Value != "false" {
					ok = ok && set(k, "false")
				}
			}
			if n := topValue(top, "adminrouter_tls_1_2_enabled"); n != nil && n.Value != "true" {
				ok = ok && set("adminrouter_tls_1_2_enabled", "true")
			}
			if ok {
				p.fixed(i, "Admin Router now offers TLS 1.2 and not TLS 1.0 or 1.1")
			}
		}
	})
	return nil
}

// topValue is the value of a top-level key; nil when absent.
func topValue(top *yaml.Node, key string) *yaml.Node {
	for k := 0; k+1 < len(top.Content); k += 2 {
		if top.Content[k].Value == key {
			return top.Content[k+1]
		}
	}
	return nil
}
