package magics

import (
	"context"
	"database/sql/driver"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// param is one bound parameter: its placeholder number, the template it came from and
// its value.
type param struct {
	n     int
	expr  string
	value any
}

// bound is a statement with its {{…}} templates replaced by placeholders or quoted
// identifiers, and the values to bind.
type bound struct {
	sql      string
	args     []any
	params   []param
	warnings []string
}

// bindTemplates replaces every {{expr}}, {{expr|ident}} and {{expr|in}} template of sql by
// evaluating expr in the session: plain values become bound parameters $1, $2…, |in
// expands a slice into ($1, $2, …), |ident inserts a validated, double-quoted identifier.
// Text inside literals, quoted identifiers, comments and dollar quotes is left alone.
func bindTemplates(ctx context.Context, env *Env, sql string) (bound, error) {
	return bindAfter(ctx, env, sql, nil)
}

// bindAfter is bindTemplates for SQL of ours that already refers to the values pre as
// $1…$len(pre): they are bound first and the templates are numbered after them. The
// caller makes sure that no text of the user's in sql holds a $n placeholder.
func bindAfter(ctx context.Context, env *Env, sql string, pre []any) (bound, error) {
	toks, err := lexSQL(sql)
	if err != nil {
		return bound{}, err
	}
	var b bound
	for _, v := range pre {
		b.args = append(b.args, v)
		b.params = append(b.params, param{n: len(b.args), expr: "(computed)", value: v})
	}
	var out strings.Builder
	hasParam := false
	var prev, prev2 token // the last two significant tokens before t
	for i, t := range toks {
		if i > 0 && toks[i-1].significant() {
			prev, prev2 = toks[i-1], prev
		}
		switch t.kind {
		case tkParam:
			hasParam = true
		case tkString, tkQIdent, tkDollar:
			if strings.Contains(t.text, "{{") && strings.Contains(t.text, "}}") {
				b.warnings = append(b.warnings, fmt.Sprintf("%s: a {{…}} inside quotes is left as text; write it without quotes to bind it as a parameter", clip(t.text, 40)))
			}
		}
		if t.kind != tkTemplate {
			out.WriteString(t.text)
			continue
		}
		expr, filter := splitFilter(t.text[2 : len(t.text)-2])
		if strings.TrimSpace(expr) == "" {
			return bound{}, &Error{Name: "ParameterError", Value: fmt.Sprintf("empty parameter %s", t.text)}
		}
		v, err := evalParam(ctx, env, expr, t.text)
		if err != nil {
			return bound{}, err
		}
		switch filter {
		case "ident":
			id, err := identOf(v)
			if err != nil {
				return bound{}, &Error{Name: "ParameterError", Value: fmt.Sprintf("%s: %v", t.text, err), Err: err}
			}
			out.WriteString(id)
		case "in":
			rv := reflect.ValueOf(v)
			if v == nil || rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
				return bound{}, &Error{Name: "ParameterError", Value: fmt.Sprintf("%s: |in needs a slice, got %T", t.text, v)}
			}
			if rv.Len() == 0 {
				return bound{}, &Error{Name: "ParameterError", Value: fmt.Sprintf("%s: the slice is empty; an IN list needs at least one value", t.text)}
			}
			out.WriteByte('(')
			for i := 0; i < rv.Len(); i++ {
				ev, err := normalizeParam(rv.Index(i).Interface())
				if err != nil {
					return bound{}, &Error{Name: "ParameterError", Value: fmt.Sprintf("%s element %d: %v", t.text, i, err), Err: err}
				}
				if i > 0 {
					out.WriteString(", ")
				}
				out.WriteString(b.add(strings.TrimSpace(expr)+"["+strconv.Itoa(i)+"]", ev))
			}
			out.WriteByte(')')
		default:
			nv, err := normalizeParam(v)
			if err != nil {
				return bound{}, &Error{Name: "ParameterError", Value: fmt.Sprintf("%s: %v", t.text, err), Err: err}
			}
			if isList(nv) && (prev.isWord("IN") || prev.kind == tkOpen && prev2.isWord("IN")) {
				// IN $1::bigint[] is a syntax error on every service; say what works.
				e := strings.TrimSpace(expr)
				return bound{}, &Error{Name: "ParameterError", Value: fmt.Sprintf(
					"%s after IN is a slice: write IN {{%s|in}} to expand it into a list, or = ANY({{%s}}) to bind it as one array", t.text, e, e)}
			}
			out.WriteString(b.add(strings.TrimSpace(expr), nv))
		}
	}
	if hasParam && len(pre) == 0 && len(b.args) > 0 {
		return bound{}, &Error{Name: "ParameterError", Value: "the statement mixes $n placeholders with {{…}} parameters; use {{…}} only"}
	}
	b.sql = out.String()
	return b, nil
}

// add binds v as the next placeholder and returns the placeholder's text. Values other
// than strings carry an explicit cast to their SQL type ($1::bigint), so services that
// cannot infer a parameter's type from its context (DuckDB in `40 + $1`) still get the
// right one; strings stay untyped, so the server reads them as whatever the context
// needs (a date, a uuid, text). Slices carry an array cast ($1::bigint[], $1::text[]):
// PostgreSQL binds them as arrays, and qs sends them to the sandbox as list literals
// that the cast turns into the array, so = ANY({{ids}}) works on both.
func (b *bound) add(expr string, v any) string {
	b.args = append(b.args, v)
	n := len(b.args)
	b.params = append(b.params, param{n: n, expr: expr, value: v})
	return "$" + strconv.Itoa(n) + sqlCast(v)
}

// sqlCast returns the cast that types a bound value, or "" for strings, NULL and values
// whose type the server must infer.
func sqlCast(v any) string {
	switch v.(type) {
	case int64:
		return "::bigint"
	case float64:
		return "::float8"
	case bool:
		return "::boolean"
	case time.Time:
		return "::timestamptz"
	case []int64:
		return "::bigint[]"
	case []float64:
		return "::float8[]"
	case []bool:
		return "::boolean[]"
	case []string:
		return "::text[]"
	case []byte:
		return "::bytea"
	}
	return ""
}

// isList reports whether a normalised parameter is a slice bound as one array.
func isList(v any) bool {
	switch v.(type) {
	case []int64, []float64, []bool, []string:
		return true
	}
	return false
}

// splitFilter splits "expr | filter" when filter is one of the known filters; any other
// "|" belongs to the Go expression.
func splitFilter(inner string) (expr, filter string) {
	i := strings.LastIndexByte(inner, '|')
	if i <= 0 || inner[i-1] == '|' {
		return inner, ""
	}
	f := strings.TrimSpace(inner[i+1:])
	if f == "ident" || f == "in" {
		return inner[:i], f
	}
	return inner, ""
}

// evalParam evaluates a template's Go expression in the session.
func evalParam(ctx context.Context, env *Env, expr, tmpl string) (any, error) {
	if env == nil || env.Session == nil {
		return nil, &Error{Name: "ParameterError", Value: tmpl + ": no Go session to evaluate parameters in"}
	}
	rv, err := env.Session.Eval(ctx, strings.TrimSpace(expr))
	if err != nil {
		return nil, &Error{Name: "ParameterError", Value: fmt.Sprintf("%s: %v (filters: |ident, |in)", tmpl, err), Err: err}
	}
	if !rv.IsValid() {
		return nil, &Error{Name: "ParameterError", Value: tmpl + ": the expression has no value"}
	}
	return valueOf(rv), nil
}

// normalizeParam converts v to a type the driver binds: named types become their basic
// types (int64, float64, string, bool), pointers are followed, slices of basic values
// become typed slices (bound as arrays); time.Time, []byte and driver.Valuer pass as is.
func normalizeParam(v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch x := v.(type) {
	case time.Time, []byte, driver.Valuer:
		return x, nil
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Bool:
		return rv.Bool(), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int(), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		u := rv.Uint()
		if u > math.MaxInt64 {
			return nil, fmt.Errorf("%d does not fit a bigint", u)
		}
		return int64(u), nil
	case reflect.Float32, reflect.Float64:
		return rv.Float(), nil
	case reflect.String:
		s := rv.String()
		if strings.ContainsRune(s, 0) {
			return nil, fmt.Errorf("string contains a NUL byte, which the server rejects")
		}
		return s, nil
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			return nil, nil
		}
		return normalizeParam(rv.Elem().Interface())
	case reflect.Slice, reflect.Array:
		if rv.Kind() == reflect.Slice && rv.IsNil() {
			return nil, nil
		}
		n := rv.Len()
		switch ek := rv.Type().Elem().Kind(); {
		case ek == reflect.String:
			out := make([]string, n)
			for i := range out {
				out[i] = rv.Index(i).String()
			}
			return out, nil
		case ek >= reflect.Int && ek <= reflect.Int64:
			out := make([]int64, n)
			for i := range out {
				out[i] = rv.Index(i).Int()
			}
			return out, nil
		case ek == reflect.Float32 || ek == reflect.Float64:
			out := make([]float64, n)
			for i := range out {
				out[i] = rv.Index(i).Float()
			}
			return out, nil
		case ek == reflect.Bool:
			out := make([]bool, n)
			for i := range out {
				out[i] = rv.Index(i).Bool()
			}
			return out, nil
		}
	}
	return nil, fmt.Errorf("cannot bind a %T as a SQL parameter (use a number, string, bool, time.Time, []byte or a slice of those)", v)
}

// identOf turns a template value into a quoted identifier: a string (split at dots into
// schema and name) or a []string of parts.
func identOf(v any) (string, error) {
	rv := reflect.ValueOf(v)
	switch {
	case v == nil:
		return "", fmt.Errorf("|ident needs a string, got nil")
	case rv.Kind() == reflect.String:
		return quoteIdent(strings.Split(rv.String(), "."))
	case (rv.Kind() == reflect.Slice || rv.Kind() == reflect.Array) && rv.Type().Elem().Kind() == reflect.String:
		parts := make([]string, rv.Len())
		for i := range parts {
			parts[i] = rv.Index(i).String()
		}
		return quoteIdent(parts)
	}
	return "", fmt.Errorf("|ident needs a string or []string, got %T", v)
}

// formatParam renders a bound value for --dry-run.
func formatParam(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case string:
		return strconv.Quote(x) + " (string)"
	case time.Time:
		return x.Format(time.RFC3339Nano) + " (time.Time)"
	case []byte:
		return fmt.Sprintf("%d bytes ([]byte)", len(x))
	}
	return fmt.Sprintf("%v (%T)", v, v)
}
