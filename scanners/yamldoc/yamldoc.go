// Package yamldoc turns YAML into plain data (maps, lists, strings, numbers, booleans) with a
// span for every path, for the YAML-based scanners. It bounds what hostile input can cost:
// alias expansion and nesting depth are limited.
package yamldoc

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/deploylint/deploylint/scanners"
)

// Options tune decoding.
type Options struct {
	// LowerKeys lower-cases mapping keys, for formats whose keys are case-insensitive
	// (Traefik). Spans are recorded under the lower-cased path.
	LowerKeys bool
	// UniqueKeys refuses a mapping that repeats a key, for formats whose programs refuse it
	// (compose-go decodes into maps, which yaml fails on a repeated key); yaml.v3's nodes
	// keep both, and the last would silently win.
	UniqueKeys bool
}

const (
	maxDepth = 200
	// maxNodes bounds the nodes visited, aliases included, so a "billion laughs" document
	// fails fast instead of expanding.
	maxNodes = 200_000
)

// Decode parses the first YAML document of src. A syntax error is a *scanners.ParseError.
func Decode(path string, src []byte, opt Options) (any, scanners.Spans, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		return nil, nil, parseError(path, src, err)
	}
	nodes := 0
	return decodeNode(path, &root, opt, &nodes)
}

// Doc is one document of a YAML stream.
type Doc struct {
	Data  any
	Spans scanners.Spans
}

// DecodeAll parses every document of a YAML stream ("---" separated); positions stay those of
// the whole file.
func DecodeAll(path string, src []byte, opt Options) ([]Doc, error) {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var out []Doc
	// One budget for the whole stream: a thousand documents each just under maxNodes would
	// otherwise hold a billion spans.
	nodes := 0
	for len(out) < maxDocuments {
		var root yaml.Node
		err := dec.Decode(&root)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, parseError(path, src, err)
		}
		data, spans, err := decodeNode(path, &root, opt, &nodes)
		if err != nil {
			return nil, err
		}
		out = append(out, Doc{Data: data, Spans: spans})
	}
	if len(out) == 0 {
		spans := scanners.Spans{}
		spans.Set(scanners.Span{Key: scanners.LineRange(1, 1, 1), Value: scanners.LineRange(1, 1, 1)})
		out = append(out, Doc{Data: map[string]any{}, Spans: spans})
	}
	return out, nil
}

// maxDocuments bounds a stream of many tiny documents.
const maxDocuments = 1000

// decodeNode converts one document; nodes counts the nodes visited so far in the stream.
func decodeNode(path string, root *yaml.Node, opt Options, nodes *int) (any, scanners.Spans, error) {
	spans := scanners.Spans{}
	// A finding about the document as a whole lands on its first line (line 1 for the first).
	first := 1
	if len(root.Content) > 0 && root.Content[0].Line > 0 && root.Content[0].Kind != yaml.MappingNode {
		first = root.Content[0].Line
	}
	spans.Set(scanners.Span{Key: scanners.LineRange(first, 1, 1), Value: scanners.LineRange(first, 1, 1)})
	if root.Kind == 0 || len(root.Content) == 0 {
		return map[string]any{}, spans, nil
	}
	w := &walker{spans: spans, opt: opt, nodes: nodes}
	// Counting first, with each anchor counted once, refuses an alias bomb in microseconds
	// rather than after building a span for each of maxNodes paths.
	err := errTooManyNodes
	if *nodes+expandedSize(root.Content[0], map[*yaml.Node]int{}) <= maxNodes {
		var v any
		if v, err = w.value(root.Content[0], nil, 0); err == nil {
			return v, spans, nil
		}
	}
	line, col := root.Content[0].Line, root.Content[0].Column
	var at *nodeError
	if errors.As(err, &at) {
		line, col = at.line, at.col
	}
	return nil, nil, &scanners.ParseError{Path: path, Line: line, Column: col, Msg: err.Error()}
}

// nodeError is a mistake at one node of the document, reported there.
type nodeError struct {
	line, col int
	msg       string
}

func (e *nodeError) Error() string { return e.msg }

var lineInError = regexp.MustCompile(`line (\d+)`)

// parseError turns a yaml error into a positioned ParseError without quoting the input: at
// the line and column yaml v4 names (see locate), else at the line yaml.v3's message names.
func parseError(path string, src []byte, err error) error {
	msg := err.Error()
	line, col, ok := locate(src)
	if !ok {
		line, col = 1, 1
		if m := lineInError.FindStringSubmatch(msg); m != nil {
			if n, convErr := strconv.Atoi(m[1]); convErr == nil {
				line = n
			}
		}
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	// yaml errors may quote a fragment of the document; keep only the reason.
	if i := strings.Index(msg, ": "); i >= 0 && strings.HasPrefix(msg, "line ") {
		msg = msg[i+2:]
	}
	if len(msg) > 120 {
		msg = msg[:120]
	}
	return &scanners.ParseError{Path: path, Line: line, Column: col, Msg: "invalid YAML: " + msg}
}

type walker struct {
	spans scanners.Spans
	opt   Options
	nodes *int
}

var errTooManyNodes = errors.New("document expands to too many nodes (alias bomb?)")

// expandedSize is the number of nodes walker.value visits under n, aliases expanded, or more
// than maxNodes when that is exceeded (a recursive alias never ends). seen memoizes anchors;
// -1 marks one being counted.
func expandedSize(n *yaml.Node, seen map[*yaml.Node]int) int {
	if c, ok := seen[n]; ok {
		if c < 0 {
			return maxNodes + 1
		}
		return c
	}
	seen[n] = -1
	c := 1
	switch n.Kind {
	case yaml.AliasNode:
		c += expandedSize(n.Alias, seen)
	case yaml.DocumentNode:
		if len(n.Content) > 0 {
			c += expandedSize(n.Content[0], seen)
		}
	case yaml.SequenceNode:
		for _, e := range n.Content {
			c += expandedSize(e, seen)
		}
	case yaml.MappingNode:
		for i := 1; i < len(n.Content); i += 2 {
			c += expandedSize(n.Content[i], seen)
		}
	}
	c = min(c, maxNodes+1)
	seen[n] = c
	return c
}

func nodeRange(n *yaml.Node) scanners.Range {
	width := len(n.Value)
	switch n.Style {
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		width += 2
	case yaml.LiteralStyle, yaml.FoldedStyle:
		width = 1
	}
	if n.Kind != yaml.ScalarNode || strings.Contains(n.Value, "\n") {
		width = 0
	}
	return scanners.LineRange(n.Line, n.Column, n.Column+width)
}

func (w *walker) value(n *yaml.Node, path []any, depth int) (any, error) {
	*w.nodes++
	if *w.nodes > maxNodes {
		return nil, errTooManyNodes
	}
	if depth > maxDepth {
		return nil, fmt.Errorf("nesting deeper than %d levels", maxDepth)
	}
	switch n.Kind {
	case yaml.AliasNode:
		return w.value(n.Alias, path, depth+1)
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return w.value(n.Content[0], path, depth+1)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for i, c := range n.Content {
			p := append(append([]any{}, path...), i)
			r := nodeRange(c)
			w.spans.Set(scanners.Span{Key: r, Value: r}, p...)
			v, err := w.value(c, p, depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		out := map[string]any{}
		var seen map[string]int
		if w.opt.UniqueKeys {
			seen = make(map[string]int, len(n.Content)/2)
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Value == "<<" && k.Tag == "!!merge" {
				merged, err := w.value(v, path, depth+1)
				if err != nil {
					return nil, err
				}
				mergeInto(out, merged)
				continue
			}
			key := k.Value
			if w.opt.LowerKeys {
				key = strings.ToLower(key)
			}
			if seen != nil {
				if first, dup := seen[key]; dup {
					return nil, &nodeError{line: k.Line, col: k.Column, msg: fmt.Sprintf("invalid YAML: mapping key %q already defined at line %d", key, first)}
				}
				seen[key] = k.Line
			}
			p := append(append([]any{}, path...), key)
			w.spans.Set(scanners.Span{Key: nodeRange(k), Value: nodeRange(v)}, p...)
			val, err := w.value(v, p, depth+1)
			if err != nil {
				return nil, err
			}
			out[key] = val
		}
		return out, nil
	case yaml.ScalarNode:
		return scalar(n), nil
	}
	return nil, nil
}

// mergeInto applies a YAML merge key: existing keys win.
func mergeInto(dst map[string]any, src any) {
	switch s := src.(type) {
	case map[string]any:
		for k, v := range s {
			if _, ok := dst[k]; !ok {
				dst[k] = v
			}
		}
	case []any:
		for _, e := range s {
			mergeInto(dst, e)
		}
	}
}

// scalar resolves a scalar as YAML 1.2's core schema does (as yaml.v3 decodes into any).
func scalar(n *yaml.Node) any {
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		var b bool
		if n.Decode(&b) == nil {
			return b
		}
	case "!!int":
		var i int64
		if n.Decode(&i) == nil {
			return i
		}
	case "!!float":
		var f float64
		if n.Decode(&f) == nil {
			return f
		}
	}
	return n.Value
}
