package sandbox

import (
	"bytes"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
)

// PostgreSQL's jsonb operators and functions over JSON text. The front end rewrites
// the operators (? ?| ?& @> <@ #> #>> - #- ||) and the functions DuckDB has under
// the same name into calls of these (pgsql/missing_json.go) and casts what they
// return to jsonb.
func init() {
	jfn := func(name string, in []duckdb.Type, out duckdb.Type, fn func(a []driver.Value) (any, error)) {
		addPGFunc(name, &pgFunc{in: in, out: out, fn: fn})
	}
	one := func(a []driver.Value) (any, error) { s, _ := argString(a[0]); return parseJSON(s, true) }
	jfn("pg_jsonb_exists", []duckdb.Type{tText, tText}, tBool, func(a []driver.Value) (any, error) {
		j, err := one(a)
		k, _ := argString(a[1])
		return err == nil && jsonHasKey(j, k), err
	})
	for _, all := range []bool{false, true} {
		name := "pg_jsonb_exists_any"
		if all {
			name = "pg_jsonb_exists_all"
		}
		jfn(name, []duckdb.Type{tText, tAny}, tBool, func(a []driver.Value) (any, error) {
			j, err := one(a)
			if err != nil {
				return nil, err
			}
			for _, k := range textArray(a[1]) {
				s, ok := k.(string)
				has := ok && jsonHasKey(j, s)
				if has && !all {
					return true, nil
				}
				if !has && all && k != nil {
					return false, nil
				}
			}
			return all, nil
		})
	}
	jfn("pg_contains", []duckdb.Type{tAny, tAny}, tBool, func(a []driver.Value) (any, error) {
		// An array's @> unless either side is json: DuckDB hands a json value over
		// parsed (an object as a map, an array as a list), and an untyped string
		// holding json starts with [ or {" where array text starts with {.
		if !looksJSON(a[0]) && !looksJSON(a[1]) {
			if l, ok := a[0].([]any); ok {
				return arrayContains(l, a[1]), nil
			}
			if l, ok := a[1].([]any); ok {
				return arrayContains(textArray(a[0]), l), nil
			}
		}
		x, err := parseArg(a[0])
		if err != nil {
			return nil, err
		}
		y, err := parseArg(a[1])
		if err != nil {
			return nil, err
		}
		return jsonContains(x, y), nil
	})
	jfn("pg_overlap", []duckdb.Type{tAny, tAny}, tBool, func(a []driver.Value) (any, error) {
		x, y := textArray(a[0]), textArray(a[1])
		for _, e := range flatten(x) {
			for _, f := range flatten(y) {
				if e != nil && f != nil && sameElem(e, f) {
					return true, nil
				}
			}
		}
		return false, nil
	})
	for _, text := range []bool{false, true} {
		name := "pg_jsonb_path"
		if text {
			name = "pg_jsonb_path_text"
		}
		jfn(name, []duckdb.Type{tText, tAny}, tText, func(a []driver.Value) (any, error) {
			j, err := one(a)
			if err != nil {
				return nil, err
			}
			v, ok := jsonPath(j, textArray(a[1]))
			if !ok {
				return nil, nil
			}
			if text {
				return jsonScalarText(v), nil
			}
			return jsonbText(v), nil
		})
	}
	jfn("pg_jsonb_delete", []duckdb.Type{tText, tAny}, tText, func(a []driver.Value) (any, error) {
		j, err := one(a)
		if err != nil {
			return nil, err
		}
		switch k := a[1].(type) {
		case string:
			j = jsonDeleteKey(j, k)
		case []any:
			for _, e := range k {
				if s, ok := e.(string); ok {
					j = jsonDeleteKey(j, s)
				}
			}
		default:
			n, ok := argInt(k)
			if !ok {
				return nil, errors.New("operator does not exist: jsonb - unknown type")
			}
			arr, ok := j.([]any)
			if !ok {
				return nil, errors.New("cannot delete from scalar")
			}
			if n < 0 {
				n += int64(len(arr))
			}
			if n >= 0 && n < int64(len(arr)) {
				j = append(arr[:n:n], arr[n+1:]...)
			}
		}
		return jsonbText(j), nil
	})
	jfn("pg_jsonb_delete_path", []duckdb.Type{tText, tAny}, tText, func(a []driver.Value) (any, error) {
		j, err := one(a)
		if err != nil {
			return nil, err
		}
		return jsonbText(jsonEdit(j, textArray(a[1]), nil, editDelete)), nil
	})
	jfn("pg_jsonb_concat", []duckdb.Type{tText, tText}, tText, func(a []driver.Value) (any, error) {
		x, err := one(a)
		if err != nil {
			return nil, err
		}
		s, _ := argString(a[1])
		y, err := parseJSON(s, true)
		if err != nil {
			return nil, err
		}
		xo, ok1 := x.(*jobj)
		yo, ok2 := y.(*jobj)
		if ok1 && ok2 {
			out := &jobj{keys: append([]string{}, xo.keys...), vals: append([]any{}, xo.vals...)}
			for i, k := range yo.keys {
				out.set(k, yo.vals[i])
			}
			out.sortKeys()
			return jsonbText(out), nil
		}
		xa, ok := x.([]any)
		if !ok {
			xa = []any{x}
		}
		ya, ok := y.([]any)
		if !ok {
			ya = []any{y}
		}
		return jsonbText(append(append([]any{}, xa...), ya...)), nil
	})
	for _, n := range []int{3, 4} {
		for _, insert := range []bool{false, true} {
			name := "pg_jsonb_set"
			if insert {
				name = "pg_jsonb_insert"
			}
			addPGFunc(name, &pgFunc{in: []duckdb.Type{tText, tAny, tText, tBool}[:n], out: tText, fn: func(a []driver.Value) (any, error) {
				j, err := one(a)
				if err != nil {
					return nil, err
				}
				s, _ := argString(a[2])
				v, err := parseJSON(s, true)
				if err != nil {
					return nil, err
				}
				mode := editSet
				flag := !insert // create_missing defaults to true, insert_after to false
				if len(a) > 3 {
					flag, _ = a[3].(bool)
				}
				switch {
				case insert && flag:
					mode = editInsertAfter
				case insert:
					mode = editInsert
				case !flag:
					mode = editReplace
				}
				return jsonbText(jsonEdit(j, textArray(a[1]), v, mode)), nil
			}})
		}
	}
	jfn("pg_jsonb_out", []duckdb.Type{tText}, tText, func(a []driver.Value) (any, error) {
		j, err := one(a)
		if err != nil {
			return nil, err
		}
		return jsonbText(j), nil
	})
	jfn("pg_jsonb_strip_nulls", []duckdb.Type{tText}, tText, func(a []driver.Value) (any, error) {
		j, err := one(a)
		if err != nil {
			return nil, err
		}
		return jsonbText(stripNulls(j)), nil
	})
	jfn("jsonb_pretty", []duckdb.Type{tText}, tText, func(a []driver.Value) (any, error) {
		j, err := one(a)
		if err != nil {
			return nil, err
		}
		var b bytes.Buffer
		prettyJSON(&b, j, "")
		return b.String(), nil
	})
	typeOf := func(a []driver.Value) (any, error) {
		j, err := one(a)
		if err != nil {
			return nil, err
		}
		switch j.(type) {
		case nil:
			return "null", nil
		case bool:
			return "boolean", nil
		case json.Number:
			return "number", nil
		case string:
			return "string", nil
		case []any:
			return "array", nil
		}
		return "object", nil
	}
	jfn("jsonb_typeof", []duckdb.Type{tText}, tText, typeOf)
	jfn("json_typeof", []duckdb.Type{tText}, tText, typeOf)
	jfn("pg_json_array_length", []duckdb.Type{tText}, tInt, func(a []driver.Value) (any, error) {
		j, err := one(a)
		if err != nil {
			return nil, err
		}
		arr, ok := j.([]any)
		if !ok {
			if _, obj := j.(*jobj); obj {
				return nil, errors.New("cannot get array length of a non-array")
			}
			return nil, errors.New("cannot get array length of a scalar")
		}
		return int32(len(arr)), nil
	})
	// Set-returning functions: the front end unnests the lists these return.
	for _, binary := range []bool{false, true} {
		prefix := "pg_json_"
		if binary {
			prefix = "pg_jsonb_"
		}
		parse := func(a []driver.Value) (any, error) { s, _ := argString(a[0]); return parseJSON(s, binary) }
		for _, text := range []bool{false, true} {
			suffix := ""
			if text {
				suffix = "_text"
			}
			addPGFunc(prefix+"elements"+suffix, &pgFunc{in: []duckdb.Type{tText}, out: tList, fn: func(a []driver.Value) (any, error) {
				j, err := parse(a)
				if err != nil {
					return nil, err
				}
				arr, ok := j.([]any)
				if !ok {
					return nil, errors.New("cannot extract elements from a scalar")
				}
				out := make([]any, len(arr))
				for i, e := range arr {
					if text {
						out[i] = jsonScalarText(e)
					} else if binary {
						out[i] = jsonbText(e)
					} else {
						out[i] = jsonText(e)
					}
				}
				return out, nil
			}})
			addPGFunc(prefix+"values"+suffix, &pgFunc{in: []duckdb.Type{tText}, out: tList, fn: func(a []driver.Value) (any, error) {
				j, err := parse(a)
				if err != nil {
					return nil, err
				}
				o, ok := j.(*jobj)
				if !ok {
					return nil, errors.New("cannot call jsonb_each on a non-object")
				}
				out := make([]any, len(o.vals))
				for i, e := range o.vals {
					if text {
						out[i] = jsonScalarText(e)
					} else if binary {
						out[i] = jsonbText(e)
					} else {
						out[i] = jsonText(e)
					}
				}
				return out, nil
			}})
		}
		addPGFunc(prefix+"keys", &pgFunc{in: []duckdb.Type{tText}, out: tList, fn: func(a []driver.Value) (any, error) {
			j, err := parse(a)
			if err != nil {
				return nil, err
			}
			o, ok := j.(*jobj)
			if !ok {
				return nil, errors.New("cannot call jsonb_object_keys on a non-object")
			}
			out := make([]any, len(o.keys))
			for i, k := range o.keys {
				out[i] = k
			}
			return out, nil
		}})
	}
}

// looksJSON reports whether a @> operand is json rather than an array.
func looksJSON(v driver.Value) bool {
	switch x := v.(type) {
	case map[string]any:
		return true
	case string:
		t := strings.TrimSpace(x)
		return strings.HasPrefix(t, "[") || strings.HasPrefix(t, `{"`) || t != "" && !strings.HasPrefix(t, "{")
	}
	return false
}

// parseArg reads a JSON argument that DuckDB handed over as text or already parsed.
func parseArg(v driver.Value) (any, error) {
	if s, ok := argString(v); ok {
		return parseJSON(s, true)
	}
	b, err := json.Marshal(jsonable(v))
	if err != nil {
		return nil, err
	}
	return parseJSON(string(b), true)
}

func jsonHasKey(j any, k string) bool {
	switch x := j.(type) {
	case *jobj:
		_, ok := x.get(k)
		return ok
	case []any:
		for _, e := range x {
			if s, ok := e.(string); ok && s == k {
				return true
			}
		}
	case string:
		return x == k
	}
	return false
}

// textArray reads a text[] argument: a list, or PostgreSQL's array text ('{a,b}').
func textArray(v driver.Value) []any {
	switch x := v.(type) {
	case []any:
		return x
	case string:
		return parseArrayText(x)
	}
	return nil
}

// parseArrayText reads a one-dimensional array in PostgreSQL's text form.
func parseArrayText(s string) []any {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "{") || !strings.HasSuffix(s, "}") {
		return []any{s}
	}
	s = s[1 : len(s)-1]
	var out []any
	var cur strings.Builder
	quoted, wasQuoted := false, false
	flush := func() {
		t := cur.String()
		if !wasQuoted {
			t = strings.TrimSpace(t)
			if strings.EqualFold(t, "null") {
				out = append(out, nil)
				cur.Reset()
				return
			}
		}
		out = append(out, t)
		cur.Reset()
		wasQuoted = false
	}
	if strings.TrimSpace(s) == "" {
		return []any{}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s):
			i++
			cur.WriteByte(s[i])
		case c == '"':
			quoted = !quoted
			wasQuoted = true
		case c == ',' && !quoted:
			flush()
		default:
			cur.WriteByte(c)
		}
	}
	flush()
	return out
}

func jsonPath(j any, path []any) (any, bool) {
	for _, p := range path {
		s, ok := p.(string)
		if !ok {
			return nil, false
		}
		switch x := j.(type) {
		case *jobj:
			v, ok := x.get(s)
			if !ok {
				return nil, false
			}
			j = v
		case []any:
			n, err := strconv.Atoi(s)
			if err != nil {
				return nil, false
			}
			if n < 0 {
				n += len(x)
			}
			if n < 0 || n >= len(x) {
				return nil, false
			}
			j = x[n]
		default:
			return nil, false
		}
	}
	return j, true
}

func jsonDeleteKey(j any, k string) any {
	switch x := j.(type) {
	case *jobj:
		x.del(k)
	case []any:
		out := []any{}
		for _, e := range x {
			if s, ok := e.(string); !ok || s != k {
				out = append(out, e)
			}
		}
		return out
	}
	return j
}

type editMode int

const (
	editSet editMode = iota
	editReplace
	editInsert
	editInsertAfter
	editDelete
)

// jsonEdit applies jsonb_set, jsonb_insert or #- at path.
func jsonEdit(j any, path []any, v any, mode editMode) any {
	if len(path) == 0 {
		return j
	}
	s, _ := path[0].(string)
	last := len(path) == 1
	switch x := j.(type) {
	case *jobj:
		cur, ok := x.get(s)
		switch {
		case !last:
			if ok {
				x.set(s, jsonEdit(cur, path[1:], v, mode))
			}
		case mode == editDelete:
			x.del(s)
		case ok && (mode == editInsert || mode == editInsertAfter):
			// jsonb_insert refuses to replace a key; PostgreSQL raises an error
		case ok || mode == editSet || mode == editInsert || mode == editInsertAfter:
			x.set(s, v)
			x.sortKeys()
		}
		return x
	case []any:
		n, err := strconv.Atoi(s)
		if err != nil {
			return x
		}
		if n < 0 {
			n += len(x)
			if n < 0 && mode != editDelete {
				n = -1
			}
		}
		if !last {
			if n >= 0 && n < len(x) {
				x[n] = jsonEdit(x[n], path[1:], v, mode)
			}
			return x
		}
		switch mode {
		case editDelete:
			if n >= 0 && n < len(x) {
				return append(x[:n:n], x[n+1:]...)
			}
		case editSet, editReplace:
			if n >= 0 && n < len(x) {
				x[n] = v
			} else if mode == editSet {
				if n < 0 {
					return append([]any{v}, x...)
				}
				return append(x, v)
			}
		case editInsert, editInsertAfter:
			if mode == editInsertAfter {
				n++
			}
			if n < 0 {
				n = 0
			}
			if n > len(x) {
				n = len(x)
			}
			out := append(append(append([]any{}, x[:n]...), v), x[n:]...)
			return out
		}
		return x
	}
	return j
}

func stripNulls(j any) any {
	switch x := j.(type) {
	case *jobj:
		out := &jobj{}
		for i, k := range x.keys {
			if x.vals[i] != nil {
				out.keys, out.vals = append(out.keys, k), append(out.vals, stripNulls(x.vals[i]))
			}
		}
		return out
	case []any:
		for i, e := range x {
			x[i] = stripNulls(e)
		}
	}
	return j
}

// arrayContains is the arrays' @>: every element of b (a list or array text) in a.
func arrayContains(a []any, b driver.Value) bool {
	for _, e := range flatten(textArray(b)) {
		if e == nil {
			return false
		}
		found := false
		for _, f := range flatten(a) {
			if f != nil && sameElem(f, e) {
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

func flatten(l []any) []any {
	var out []any
	for _, e := range l {
		if s, ok := e.([]any); ok {
			out = append(out, flatten(s)...)
		} else {
			out = append(out, e)
		}
	}
	return out
}

// sameElem compares two array elements, one possibly read from array text.
func sameElem(a, b any) bool {
	if a == b {
		return true
	}
	return pgText(a) == pgText(b)
}
