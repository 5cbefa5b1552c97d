package fix

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scanners"
)

// flushCommands are the commands the Redis guide disables.
func flushCommands() []string { return []string{"FLUSHDB", "FLUSHALL"} }

// redisCommand disables FLUSHDB and FLUSHALL on the Redis command line of a compose service
// (CMP011), as RDS003's repair does in a redis.conf: --rename-command CMD "" for each one the
// command does not rename yet.
func (p *planner) redisCommand() error {
	p.findings([]string{"CMP011"}, func(i int, fd rules.Finding) {
		f, n := p.composeNode(fd)
		if n == nil {
			return
		}
		li := p.lines(f)
		var words []string
		switch n.Kind {
		case yaml.ScalarNode:
			words = strings.Fields(n.Value)
		case yaml.SequenceNode:
			for _, c := range n.Content {
				words = append(words, c.Value)
			}
		default:
			return
		}
		var missing []string
		for _, cmd := range flushCommands() {
			renamed := false
			for k := 0; k+1 < len(words); k++ {
				if strings.TrimLeft(words[k], "-") == "rename-command" && strings.EqualFold(strings.Trim(words[k+1], `"'`), cmd) {
					renamed = true
				}
			}
			if !renamed {
				missing = append(missing, cmd)
			}
		}
		if len(missing) == 0 {
			return
		}
		e, ok := appendArgs(f.Src, li, n, missing)
		if !ok {
			p.leave(i, "the command is written in a form deploylint does not rewrite: add --rename-command FLUSHDB \"\" --rename-command FLUSHALL \"\" by hand")
			return
		}
		p.edit(i, f.Path, e)
		p.fixed(i, fmt.Sprintf("added --rename-command %s \"\" to the command", strings.Join(missing, ` "" --rename-command `)))
	})
	return nil
}

// appendArgs is the edit adding --rename-command CMD "" for each command to a command written
// as a string or a list.
func appendArgs(src []byte, li *scanners.LineIndex, n *yaml.Node, cmds []string) (Edit, bool) {
	var b strings.Builder
	switch n.Kind {
	case yaml.ScalarNode:
		_, end, ok := scalarBytes(src, li, n)
		if !ok {
			return Edit{}, false
		}
		empty := `""`
		if n.Style == yaml.DoubleQuotedStyle {
			empty = `\"\"`
		}
		for _, c := range cmds {
			fmt.Fprintf(&b, " --rename-command %s %s", c, empty)
		}
		return Edit{Start: end, End: end, New: b.String()}, true
	case yaml.SequenceNode:
		if len(n.Content) == 0 || n.Style != yaml.FlowStyle {
			return Edit{}, false // a block list: its items' layout is the operator's
		}
		last := n.Content[len(n.Content)-1]
		if last.Kind != yaml.ScalarNode {
			return Edit{}, false
		}
		_, end, ok := scalarBytes(src, li, last)
		if !ok {
			return Edit{}, false
		}
		if last.Style == yaml.DoubleQuotedStyle || last.Style == yaml.SingleQuotedStyle {
			end++ // past the closing quote
		}
		for _, c := range cmds {
			fmt.Fprintf(&b, `, "--rename-command", "%s", ""`, c)
		}
		return Edit{Start: end, End: end, New: b.String()}, true
	}
	return Edit{}, false
}

// nodeAt finds the scalar, mapping or sequence a finding's range starts at.
func nodeAt(root *yaml.Node, pos scanners.Position) *yaml.Node {
	var found *yaml.Node
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if found != nil || n == nil {
			return
		}
		if n.Kind != yaml.DocumentNode && n.Kind != yaml.AliasNode && n.Line == pos.Line && n.Column == pos.Column {
			found = n
			return
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(root)
	return found
}
