package fix

import (
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/deploylint/deploylint/secret"
)

// literalUse finds where a compose file of path's folder writes the value old itself, as a
// password, instead of interpolating it from .env: the value of a secret-named variable, the
// password of a URL, the argument of a password option on a command line. Rotating the .env
// setting alone would then leave that copy behind, and its service locked out.
func (p *planner) literalUse(path, old string) (string, int, bool) {
	s, ok := p.stackOf[path]
	if !ok || old == "" || s < 0 || s >= len(p.in.Stacks) {
		return "", 0, false
	}
	userinfo := regexp.MustCompile(`://[^/:@\s]*:([^@/\s]+)@`)
	for _, other := range p.in.Stacks[s] {
		f := p.in.Files[other]
		if f == nil || f.Kind != "compose" {
			continue
		}
		root := p.yamlOf(f)
		if root == nil {
			continue
		}
		var line int
		var walk func(n *yaml.Node, key string)
		walk = func(n *yaml.Node, key string) {
			if line != 0 || n == nil {
				return
			}
			switch n.Kind {
			case yaml.MappingNode:
				for k := 0; k+1 < len(n.Content); k += 2 {
					walk(n.Content[k+1], n.Content[k].Value)
				}
				return
			case yaml.ScalarNode:
			default:
				for _, c := range n.Content {
					walk(c, key)
				}
				return
			}
			v := n.Value
			if name, value, ok := strings.Cut(v, "="); ok && key == "" && secret.IsSecretName(name) && value == old {
				line = n.Line // - NAME=value in an environment list
				return
			}
			if key != "" && secret.IsSecretName(key) && v == old {
				line = n.Line
				return
			}
			for _, m := range userinfo.FindAllStringSubmatch(v, -1) {
				if m[1] == old {
					line = n.Line
					return
				}
			}
			words := strings.Fields(v)
			for k := 1; k < len(words); k++ {
				prev := strings.ToLower(words[k-1])
				if strings.Trim(words[k], `"'`) == old && (strings.Contains(prev, "pass") || strings.Contains(prev, "auth") || prev == "-a") {
					line = n.Line
					return
				}
			}
		}
		walk(root, "")
		if line != 0 {
			return other, line, true
		}
	}
	return "", 0, false
}
