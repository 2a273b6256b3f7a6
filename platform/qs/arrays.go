package qs

import (
	"math"
	"reflect"
	"strconv"
	"strings"
)

// bindArgs normalises statement arguments for the client's service: maps become JSON
// text (see jsonArgs), and on DuckDB-backed services Go slices become list literals.
func (c *Client) bindArgs(args []any) []any {
	args = jsonArgs(args)
	if c.dialect == "duckdb" {
		args = listArgs(args)
	}
	return args
}

// listArgs replaces slices of numbers, strings and booleans by DuckDB list literals in
// text ("[1, 2]", `["a", "b"]`). The sandbox cannot type an array parameter (it
// describes $1::bigint[] as text), but it reads such text cast to an array exactly:
// write `= ANY($1::bigint[])` or `$1::text[]`, as %sql does for a bound slice.
func listArgs(args []any) []any {
	var out []any
	for i, a := range args {
		lit, ok := listLiteral(a)
		if !ok {
			continue
		}
		if out == nil {
			out = append([]any(nil), args...)
		}
		out[i] = lit
	}
	if out == nil {
		return args
	}
	return out
}

// listLiteral renders a slice or array of basic values as a DuckDB list literal; ok is
// false for anything else ([]byte stays a bytea value).
func listLiteral(v any) (lit string, ok bool) {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() || rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
		return "", false
	}
	if rv.Kind() == reflect.Slice && rv.IsNil() {
		return "", false // NULL
	}
	var elem func(b *strings.Builder, e reflect.Value)
	switch k := rv.Type().Elem().Kind(); {
	case k == reflect.String:
		elem = func(b *strings.Builder, e reflect.Value) { quoteListString(b, e.String()) }
	case k >= reflect.Int && k <= reflect.Int64:
		elem = func(b *strings.Builder, e reflect.Value) { b.WriteString(strconv.FormatInt(e.Int(), 10)) }
	case k >= reflect.Uint16 && k <= reflect.Uint64, k == reflect.Uint:
		elem = func(b *strings.Builder, e reflect.Value) { b.WriteString(strconv.FormatUint(e.Uint(), 10)) }
	case k == reflect.Float32 || k == reflect.Float64:
		bits := 64
		if k == reflect.Float32 {
			bits = 32
		}
		elem = func(b *strings.Builder, e reflect.Value) { b.WriteString(formatListFloat(e.Float(), bits)) }
	case k == reflect.Bool:
		elem = func(b *strings.Builder, e reflect.Value) { b.WriteString(strconv.FormatBool(e.Bool())) }
	default:
		return "", false
	}
	var b strings.Builder
	b.WriteByte('[')
	for i := 0; i < rv.Len(); i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		elem(&b, rv.Index(i))
	}
	b.WriteByte(']')
	return b.String(), true
}

// quoteListString writes s double-quoted with " and \ escaped by a backslash, which
// DuckDB's text-to-list cast reads back as exactly s (commas, brackets, quotes, spaces
// and the word NULL included).
func quoteListString(b *strings.Builder, s string) {
	b.WriteByte('"')
	for _, r := range s {
		if r == '"' || r == '\\' {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
}

// formatListFloat writes f the way DuckDB reads a float, infinities and NaN included.
func formatListFloat(f float64, bits int) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	return strconv.FormatFloat(f, 'g', -1, bits)
}
