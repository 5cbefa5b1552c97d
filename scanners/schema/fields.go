package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// Field is one documented node of an input document: what docs/input/ lists, and what the
// fixture test looks for in real inputs (a documented field no parser ever emits is stale).
type Field struct {
	// Path leads from the input's root; Wildcard stands for every element of an array or
	// every value of a mapping with free keys.
	Path        []string
	Type        string
	Required    bool
	Description string
}

// Wildcard is the Path element of an array element or a free-keyed mapping's value.
const Wildcard = "[_]"

// Ref renders a path as a Rego reference below `input` ("data.services[_].image").
func Ref(path []string) string {
	var b strings.Builder
	for i, p := range path {
		switch {
		case p == Wildcard:
			b.WriteString(p)
		case identifier.MatchString(p):
			if i > 0 {
				b.WriteByte('.')
			}
			b.WriteString(p)
		default:
			fmt.Fprintf(&b, "[%q]", p)
		}
	}
	return b.String()
}

var identifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// Fields lists the fields one schema documents, depth first in the order the schema
// declares them. Envelope fields the schema takes from common.json are left out unless the
// schema redefines them (as every kind does for kind and data): common.json documents them
// once. $refs into the schema's own $defs are followed, recursion cut at the second visit.
func Fields(raw []byte) ([]Field, error) {
	root, err := decodeOrdered(raw)
	if err != nil {
		return nil, err
	}
	obj, ok := root.(*object)
	if !ok {
		return nil, errors.New("the schema is not a JSON object")
	}
	w := &fieldWalker{root: obj, seen: map[string]bool{}}
	if ref, _ := obj.get("$ref").(string); strings.HasSuffix(ref, "common.json") && obj.get("required") == nil {
		// A kind's schema takes the envelope's required keys (kind, path, data) from common.json.
		common, err := decodeOrdered(Common())
		if err != nil {
			return nil, err
		}
		obj.set("required", common.(*object).get("required"))
	}
	w.children(obj, nil)
	return w.out, w.err
}

type fieldWalker struct {
	root *object
	seen map[string]bool // $defs on the current path
	out  []Field
	err  error
}

// resolve returns a schema node with its local $ref merged in: the node's own keywords win,
// and properties are the union of both.
func (w *fieldWalker) resolve(n *object) (*object, string) {
	ref, _ := n.get("$ref").(string)
	name, ok := strings.CutPrefix(ref, "#/$defs/")
	if !ok {
		return n, ""
	}
	defs, _ := w.root.get("$defs").(*object)
	var target *object
	if defs != nil {
		target, _ = defs.get(name).(*object)
	}
	if target == nil {
		w.err = errors.Join(w.err, fmt.Errorf("$ref %s: no such definition", ref))
		return n, ""
	}
	merged := &object{}
	for _, k := range target.keys {
		merged.set(k, target.get(k))
	}
	for _, k := range n.keys {
		if k == "$ref" {
			continue
		}
		v := n.get(k)
		if k == "properties" {
			if tp, ok := target.get(k).(*object); ok {
				np, _ := v.(*object)
				u := &object{}
				for _, pk := range tp.keys {
					u.set(pk, tp.get(pk))
				}
				for _, pk := range np.keysOrNil() {
					u.set(pk, np.get(pk))
				}
				v = u
			}
		}
		merged.set(k, v)
	}
	return merged, name
}

func (w *fieldWalker) field(n *object, path []string, required bool) {
	r, def := w.resolve(n)
	desc, _ := r.get("description").(string)
	w.out = append(w.out, Field{Path: path, Type: typeOf(r), Required: required, Description: desc})
	if def != "" {
		if w.seen[def] {
			// A recursive definition (any YAML value): what the node itself adds, not the
			// definition again.
			w.children(n, path)
			return
		}
		w.seen[def] = true
		defer delete(w.seen, def)
	}
	w.children(r, path)
}

func (w *fieldWalker) children(n *object, path []string) {
	w.props(n, path)
	// additionalProperties describes a mapping's values, items an array's elements: each only
	// where the node can be of that type (a YAML value narrowed to a mapping has no elements).
	for _, kt := range [][2]string{{"additionalProperties", "object"}, {"items", "array"}} {
		if sub, ok := n.get(kt[0]).(*object); ok && allows(n, kt[1]) {
			w.field(sub, append(clonePath(path), Wildcard), false)
		}
	}
}

// allows reports whether a node's type keyword admits typ (a node without one admits all).
func allows(n *object, typ string) bool {
	switch t := n.get("type").(type) {
	case string:
		return t == typ
	case []any:
		for _, v := range t {
			if v == typ {
				return true
			}
		}
		return false
	}
	return true
}

func (w *fieldWalker) props(n *object, path []string) {
	props, _ := n.get("properties").(*object)
	if props == nil {
		return
	}
	required := map[string]bool{}
	if list, ok := n.get("required").([]any); ok {
		for _, r := range list {
			if s, ok := r.(string); ok {
				required[s] = true
			}
		}
	}
	for _, k := range props.keys {
		sub, ok := props.get(k).(*object)
		if !ok {
			continue
		}
		w.field(sub, append(clonePath(path), k), required[k])
	}
}

func clonePath(p []string) []string { return append([]string(nil), p...) }

// typeOf renders a node's type: a const or enum as its values, else its JSON types.
func typeOf(n *object) string {
	if c, ok := n.lookup("const"); ok {
		return literal(c)
	}
	if list, ok := n.get("enum").([]any); ok {
		parts := make([]string, len(list))
		for i, v := range list {
			parts[i] = literal(v)
		}
		return strings.Join(parts, " | ")
	}
	switch t := n.get("type").(type) {
	case string:
		return t
	case []any:
		if len(t) >= 7 {
			return "any"
		}
		parts := make([]string, len(t))
		for i, v := range t {
			parts[i], _ = v.(string)
		}
		return strings.Join(parts, " | ")
	}
	return "any"
}

func literal(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return "`" + string(b) + "`"
}

// object is a JSON object that keeps its keys in source order: documentation lists fields in
// the order the schema's author chose.
type object struct {
	keys []string
	vals map[string]any
}

func (o *object) get(k string) any {
	v, _ := o.lookup(k)
	return v
}

func (o *object) lookup(k string) (any, bool) {
	if o == nil {
		return nil, false
	}
	v, ok := o.vals[k]
	return v, ok
}

func (o *object) set(k string, v any) {
	if o.vals == nil {
		o.vals = map[string]any{}
	}
	if _, ok := o.vals[k]; !ok {
		o.keys = append(o.keys, k)
	}
	o.vals[k] = v
}

func (o *object) keysOrNil() []string {
	if o == nil {
		return nil
	}
	return o.keys
}

// decodeOrdered decodes JSON with objects as *object.
func decodeOrdered(raw []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	v, err := decodeValue(dec)
	if err != nil {
		return nil, fmt.Errorf("decode schema: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("decode schema: data after the top-level value")
	}
	return v, nil
}

func decodeValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch d := tok.(type) {
	case json.Delim:
		switch d {
		case '{':
			o := &object{}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				k, _ := kt.(string)
				v, err := decodeValue(dec)
				if err != nil {
					return nil, err
				}
				o.set(k, v)
			}
			_, err := dec.Token() // '}'
			return o, err
		case '[':
			var list []any
			for dec.More() {
				v, err := decodeValue(dec)
				if err != nil {
					return nil, err
				}
				list = append(list, v)
			}
			_, err := dec.Token() // ']'
			return list, err
		}
		return nil, fmt.Errorf("unexpected %v", d)
	default:
		return tok, nil
	}
}
