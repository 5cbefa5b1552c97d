package scanners

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
)

// Shape is the key set that many objects of one document share: every user of an ACL file,
// every directive of an nginx file. A Record of a Shape is a slice of values where a
// map[string]any would cost a hash table per object: at a million directives the tables were
// most of a document's memory.
type Shape struct {
	keys []string
	pos  map[string]int
}

// NewShape is the shape of objects that may hold keys (at most once each).
func NewShape(keys ...string) *Shape {
	s := &Shape{keys: slices.Clone(keys), pos: make(map[string]int, len(keys))}
	// Sorted, as OPA and encoding/json order an object's keys, so that neither sorts again.
	slices.Sort(s.keys)
	s.keys = slices.Compact(s.keys)
	for i, k := range s.keys {
		s.pos[k] = i
	}
	return s
}

// unset marks a key of the shape that a record does not hold.
type unset struct{}

// New is a record of the shape holding no key yet.
func (s *Shape) New() Record {
	vals := make([]any, len(s.keys))
	for i := range vals {
		vals[i] = unset{}
	}
	return Record{shape: s, vals: vals}
}

// Of is a record of the shape holding the keys and values given in turn (key, value, key,
// value…): a parser's literal, as map[string]any{…} was.
func (s *Shape) Of(pairs ...any) Record {
	r := s.New()
	for i := 0; i+1 < len(pairs); i += 2 {
		k, ok := pairs[i].(string)
		if !ok {
			panic(fmt.Sprintf("record: key %v is not a string", pairs[i]))
		}
		r.Set(k, pairs[i+1])
	}
	if len(pairs)%2 != 0 {
		panic(fmt.Sprintf("record: key %v has no value", pairs[len(pairs)-1]))
	}
	return r
}

// Record is an object of a Shape. Data may hold Records wherever it holds map[string]any; the
// rules' input, JSON and the schemas see them as the same objects. A Record is a view: copies
// share their values, as copies of a map do.
type Record struct {
	shape *Shape
	vals  []any
}

// Set gives key a value (nil is JSON null). Setting a key the shape lacks is a parser's bug.
func (r Record) Set(key string, v any) {
	i, ok := r.shape.pos[key]
	if !ok {
		panic(fmt.Sprintf("record: key %q is not in the shape %v", key, r.shape.keys))
	}
	r.vals[i] = v
}

// Get is key's value, and whether the record holds it.
func (r Record) Get(key string) (any, bool) {
	if r.shape == nil {
		return nil, false
	}
	i, ok := r.shape.pos[key]
	if !ok {
		return nil, false
	}
	v := r.vals[i]
	if _, none := v.(unset); none {
		return nil, false
	}
	return v, true
}

// Each calls f on every key the record holds, in key order; f may replace the value it is
// given through set (the rules' conversion releases values so).
func (r Record) Each(f func(key string, v any)) {
	if r.shape == nil {
		return
	}
	for i, k := range r.shape.keys {
		if _, none := r.vals[i].(unset); !none {
			f(k, r.vals[i])
		}
	}
}

// EachIndex is Each with the key's position in the shape's Keys instead of its name.
func (r Record) EachIndex(f func(i int, v any)) {
	for i, v := range r.vals {
		if _, none := v.(unset); !none {
			f(i, v)
		}
	}
}

// Shape is the record's shape.
func (r Record) Shape() *Shape { return r.shape }

// Keys are the keys a record of the shape may hold, sorted.
func (s *Shape) Keys() []string {
	if s == nil {
		return nil
	}
	return s.keys
}

// Len is the number of keys the record holds.
func (r Record) Len() int {
	n := 0
	r.Each(func(string, any) { n++ })
	return n
}

// Clear drops every value, keeping the keys held (as unset values would not): the rules'
// conversion calls it once a record is converted.
func (r Record) Clear() {
	for i, v := range r.vals {
		if _, none := v.(unset); !none {
			r.vals[i] = nil
		}
	}
}

// MarshalJSON writes the record as the object it stands for.
func (r Record) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	var err error
	first := true
	r.Each(func(k string, v any) {
		if err != nil {
			return
		}
		kb, _ := json.Marshal(k)
		vb, e := json.Marshal(v)
		if e != nil {
			err = fmt.Errorf("record key %s: %w", k, e)
			return
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		b.Write(kb)
		b.WriteByte(':')
		b.Write(vb)
	})
	if err != nil {
		return nil, err
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// Plain is v with every Record replaced by the map[string]any it stands for, for code that
// walks data generically (tests, mostly).
func Plain(v any) any {
	switch x := v.(type) {
	case Record:
		m := make(map[string]any, x.Len())
		x.Each(func(k string, e any) { m[k] = Plain(e) })
		return m
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = Plain(e)
		}
		return m
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = Plain(e)
		}
		return out
	}
	return v
}
