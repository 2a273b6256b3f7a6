package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// A parsed JSON value for the json and jsonb functions: nil, bool, json.Number,
// string, []any, or *jobj (an object keeping its keys' order).
type jobj struct {
	keys []string
	vals []any
}

func (o *jobj) get(k string) (any, bool) {
	for i, key := range o.keys {
		if key == k {
			return o.vals[i], true
		}
	}
	return nil, false
}

func (o *jobj) set(k string, v any) {
	for i, key := range o.keys {
		if key == k {
			o.vals[i] = v
			return
		}
	}
	o.keys, o.vals = append(o.keys, k), append(o.vals, v)
}

func (o *jobj) del(k string) {
	for i, key := range o.keys {
		if key == k {
			o.keys = append(o.keys[:i:i], o.keys[i+1:]...)
			o.vals = append(o.vals[:i:i], o.vals[i+1:]...)
			return
		}
	}
}

// sortKeys puts an object's keys in jsonb's order: shorter first, then bytewise.
func (o *jobj) sortKeys() {
	idx := make([]int, len(o.keys))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		ka, kb := o.keys[idx[a]], o.keys[idx[b]]
		if len(ka) != len(kb) {
			return len(ka) < len(kb)
		}
		return ka < kb
	})
	keys, vals := make([]string, len(idx)), make([]any, len(idx))
	for i, j := range idx {
		keys[i], vals[i] = o.keys[j], o.vals[j]
	}
	o.keys, o.vals = keys, vals
}

// parseJSON reads JSON text; binary (jsonb) semantics keep the last of duplicate keys
// and sort keys as jsonb does.
func parseJSON(s string, binary bool) (any, error) {
	d := json.NewDecoder(strings.NewReader(s))
	d.UseNumber()
	v, err := readJSON(d, binary, 0)
	if err != nil {
		return nil, errors.New("invalid input syntax for type json")
	}
	if _, err := d.Token(); err != io.EOF {
		return nil, errors.New("invalid input syntax for type json")
	}
	return v, nil
}

// maxJSONDepth bounds the nesting of the json the functions read (each level is a Go
// call; PostgreSQL stops at its stack depth limit too).
const maxJSONDepth = 2000

func readJSON(d *json.Decoder, binary bool, depth int) (any, error) {
	if depth > maxJSONDepth {
		return nil, errors.New("json nested too deeply")
	}
	t, err := d.Token()
	if err != nil {
		return nil, err
	}
	switch x := t.(type) {
	case json.Delim:
		switch x {
		case '[':
			arr := []any{}
			for d.More() {
				v, err := readJSON(d, binary, depth+1)
				if err != nil {
					return nil, err
				}
				arr = append(arr, v)
			}
			_, err := d.Token()
			return arr, err
		case '{':
			o := &jobj{}
			for d.More() {
				kt, err := d.Token()
				if err != nil {
					return nil, err
				}
				k, _ := kt.(string)
				v, err := readJSON(d, binary, depth+1)
				if err != nil {
					return nil, err
				}
				if binary {
					o.set(k, v)
				} else {
					o.keys, o.vals = append(o.keys, k), append(o.vals, v)
				}
			}
			if binary {
				o.sortKeys()
			}
			_, err := d.Token()
			return o, err
		}
		return nil, fmt.Errorf("unexpected %v", x)
	}
	return t, nil
}

// writeJSON writes v as PostgreSQL writes jsonb ("{"a": 1, "b": [1, 2]}").
func writeJSON(b *bytes.Buffer, v any) { writeJSONSep(b, v, ", ", ": ") }

// writeJSONSep writes v in its order with sep between elements and colon after keys.
func writeJSONSep(b *bytes.Buffer, v any, sep, colon string) {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case json.Number:
		b.WriteString(string(x))
	case string:
		writeJSONString(b, x)
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteString(sep)
			}
			writeJSONSep(b, e, sep, colon)
		}
		b.WriteByte(']')
	case *jobj:
		b.WriteByte('{')
		for i, k := range x.keys {
			if i > 0 {
				b.WriteString(sep)
			}
			writeJSONString(b, k)
			b.WriteString(colon)
			writeJSONSep(b, x.vals[i], sep, colon)
		}
		b.WriteByte('}')
	}
}

func writeJSONString(b *bytes.Buffer, s string) {
	e := json.NewEncoder(b)
	e.SetEscapeHTML(false)
	_ = e.Encode(s)
	b.Truncate(b.Len() - 1) // Encode's newline
}

func jsonText(v any) string {
	var b bytes.Buffer
	writeJSON(&b, v)
	return b.String()
}

// jsonScalarText is a value's text as ->> gives it: strings unquoted, null as NULL.
func jsonScalarText(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		return x
	}
	return jsonText(v)
}

// prettyJSON writes v as jsonb_pretty does: four spaces per level.
func prettyJSON(b *bytes.Buffer, v any, indent string) {
	switch x := v.(type) {
	case []any:
		if len(x) == 0 {
			b.WriteString("[\n" + indent + "]")
			return
		}
		b.WriteString("[")
		for i, e := range x {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString("\n" + indent + "    ")
			prettyJSON(b, e, indent+"    ")
		}
		b.WriteString("\n" + indent + "]")
	case *jobj:
		if len(x.keys) == 0 {
			b.WriteString("{\n" + indent + "}")
			return
		}
		b.WriteString("{")
		for i, k := range x.keys {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString("\n" + indent + "    ")
			writeJSONString(b, k)
			b.WriteString(": ")
			prettyJSON(b, x.vals[i], indent+"    ")
		}
		b.WriteString("\n" + indent + "}")
	default:
		writeJSON(b, v)
	}
}

// jsonEqual compares two values as jsonb does (numbers by value).
func jsonEqual(a, b any) bool {
	switch x := a.(type) {
	case json.Number:
		y, ok := b.(json.Number)
		if !ok {
			return false
		}
		if x == y {
			return true
		}
		fx, e1 := x.Float64()
		fy, e2 := y.Float64()
		return e1 == nil && e2 == nil && fx == fy
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !jsonEqual(x[i], y[i]) {
				return false
			}
		}
		return true
	case *jobj:
		y, ok := b.(*jobj)
		if !ok || len(x.keys) != len(y.keys) {
			return false
		}
		for i, k := range x.keys {
			v, ok := y.get(k)
			if !ok || !jsonEqual(x.vals[i], v) {
				return false
			}
		}
		return true
	}
	return a == b
}

// jsonContains is jsonb's @>: every key/value of b in a, every element of b in a.
func jsonContains(a, b any) bool {
	switch x := a.(type) {
	case *jobj:
		y, ok := b.(*jobj)
		if !ok {
			return false
		}
		for i, k := range y.keys {
			v, ok := x.get(k)
			if !ok || !jsonContains(v, y.vals[i]) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		if !ok {
			// an array contains a primitive it holds
			if _, nested := b.(*jobj); nested {
				return false
			}
			y = []any{b}
		}
		for _, e := range y {
			found := false
			for _, f := range x {
				if jsonContains(f, e) {
					found = true
					break
				}
			}
			if !found {
				return false
			}
		}
		return true
	}
	return jsonEqual(a, b)
}
