package widgets

import (
	"bytes"
	"encoding/json"
)

// Binary buffers (protocol 2): a []byte anywhere in a state travels as a binary frame of
// the comm message; buffer_paths says where it goes (a key of an object is left out, an
// element of a list is null).

// splitBuffers returns the data of a state message for kv: {"state": kv without its
// buffers, "buffer_paths": where they were}, and the buffers.
func splitBuffers(kv map[string]any) (map[string]any, [][]byte) {
	paths := []any{}
	var bufs [][]byte
	state := stripBuffers(kv, nil, func(path []any, b []byte) {
		paths = append(paths, path)
		bufs = append(bufs, b)
	})
	return map[string]any{"state": state, "buffer_paths": paths}, bufs
}

// stripBuffers returns a copy of v without its []byte values, calling found with the
// path of each.
func stripBuffers(v any, path []any, found func(path []any, b []byte)) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			p := append(append([]any{}, path...), k)
			if b, ok := e.([]byte); ok {
				found(p, b)
				continue
			}
			out[k] = stripBuffers(e, p, found)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			p := append(append([]any{}, path...), i)
			if b, ok := e.([]byte); ok {
				found(p, b)
				continue
			}
			out[i] = stripBuffers(e, p, found)
		}
		return out
	}
	return v
}

// joinBuffers puts bufs into state at paths (as received: strings and float64 indices).
func joinBuffers(state map[string]any, paths []any, bufs [][]byte) {
	for i, p := range paths {
		path, ok := p.([]any)
		if !ok || len(path) == 0 || i >= len(bufs) {
			continue
		}
		var cur any = state
		for j, step := range path {
			last := j == len(path)-1
			switch c := cur.(type) {
			case map[string]any:
				k, _ := step.(string)
				if last {
					c[k] = bufs[i]
				} else {
					cur = c[k]
				}
			case []any:
				f, _ := step.(float64)
				n := int(f)
				if n < 0 || n >= len(c) {
					cur = nil
					continue
				}
				if last {
					c[n] = bufs[i]
				} else {
					cur = c[n]
				}
			default:
				cur = nil
			}
		}
	}
}

// sameValue reports whether two state values are equal as JSON (5 and 5.0 are).
func sameValue(a, b any) bool {
	if ab, ok := a.([]byte); ok {
		bb, ok := b.([]byte)
		return ok && bytes.Equal(ab, bb)
	}
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(ja, jb)
}
