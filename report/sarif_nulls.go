package report

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// dropNulls rewrites JSON without object members whose value is null, keeping key order.
// The output is compact.
func dropNulls(src []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	var out bytes.Buffer
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if err := copyValue(dec, tok, &out); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func copyValue(dec *json.Decoder, tok json.Token, out *bytes.Buffer) error {
	switch t := tok.(type) {
	case json.Delim:
		return copyContainer(dec, t, out)
	case string:
		return writeJSONString(out, t)
	case json.Number:
		out.WriteString(t.String())
	case bool:
		fmt.Fprint(out, t)
	case nil:
		out.WriteString("null")
	default:
		return fmt.Errorf("unexpected JSON token %v", tok)
	}
	return nil
}

func copyContainer(dec *json.Decoder, open json.Delim, out *bytes.Buffer) error {
	opening, closing := byte('{'), byte('}')
	if open == '[' {
		opening, closing = '[', ']'
	}
	out.WriteByte(opening)
	first := true
	for dec.More() {
		var key string
		if open == '{' {
			kt, err := dec.Token()
			if err != nil {
				return err
			}
			key, _ = kt.(string)
		}
		vt, err := dec.Token()
		if err != nil {
			return err
		}
		if open == '{' && vt == nil {
			continue
		}
		if !first {
			out.WriteByte(',')
		}
		first = false
		if open == '{' {
			if err := writeJSONString(out, key); err != nil {
				return err
			}
			out.WriteByte(':')
		}
		if err := copyValue(dec, vt, out); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil {
		return err
	}
	out.WriteByte(closing)
	return nil
}

func writeJSONString(out *bytes.Buffer, s string) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return err
	}
	out.Write(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
	return nil
}
