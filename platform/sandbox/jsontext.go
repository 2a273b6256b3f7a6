package sandbox

import (
	"bytes"
	"context"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/jackc/pgx/v5/pgtype"
)

// json and jsonb results as PostgreSQL writes them. duckdb-go hands a JSON value over
// parsed, so a json null arrives as SQL NULL and json's text as written is lost: the
// front end (pgsql/jsontext.go) turns a result column that is json or jsonb into text
// through sluice_json_out(text, style), and the session announces it as json or jsonb.
// The styles are PostgreSQL's output functions and json-producing functions:
//
//	json        the text as written (validated)
//	jsonb       jsonb's normal form: {"a": 1, "b": [1, 2]}, keys shorter first, last duplicate kept
//	compact     to_json, row_to_json: {"a":1,"b":[1,2]}
//	object      json_build_object: {"a" : 1, "b" : [1,2]}
//	array       json_build_array: [1, "x", null]
//	agg         json_agg of rows or arrays: [1, 2], objects and arrays after the first on a new line
//	agg_json    json_agg of json values: [{"a":1}, [1,2]]
//	agg_jsonb   json_agg of jsonb values: [{"a": 1}, [1, 2]]
//	object_agg  json_object_agg: { "a" : 1, "b" : 2 }
func init() {
	addPGFunc("sluice_json_out", &pgFunc{in: []duckdb.Type{tText, tText}, out: tText, fn: func(a []driver.Value) (any, error) {
		s, _ := argString(a[0])
		style, _ := argString(a[1])
		return jsonOut(s, style)
	}})
}

// jsonOut writes the json text s in style.
func jsonOut(s, style string) (string, error) {
	if style == "json" {
		if !json.Valid([]byte(s)) { // no depth limit: text DuckDB stored is sent as it is
			return "", errors.New("invalid input syntax for type json")
		}
		return s, nil
	}
	if style == "jsonb" {
		if out, err := normalJSONB(s); err == nil {
			return out, nil
		}
	}
	v, err := parseJSON(s, style == "jsonb")
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	switch style {
	case "jsonb":
		writeJSON(&b, v)
	case "object", "object_agg":
		o, ok := v.(*jobj)
		if !ok {
			writeCompactJSON(&b, v)
			break
		}
		open, sep, end := "{", " : ", "}"
		if style == "object_agg" {
			open, end = "{ ", " }"
		}
		b.WriteString(open)
		for i, k := range o.keys {
			if i > 0 {
				b.WriteString(", ")
			}
			writeJSONString(&b, k)
			b.WriteString(sep)
			writeCompactJSON(&b, o.vals[i])
		}
		b.WriteString(end)
	case "array", "agg", "agg_json", "agg_jsonb":
		l, ok := v.([]any)
		if !ok {
			writeCompactJSON(&b, v)
			break
		}
		b.WriteByte('[')
		for i, e := range l {
			if i > 0 {
				b.WriteString(", ")
				if style == "agg" && structured(e) {
					b.WriteString("\n ")
				}
			}
			if style == "agg_jsonb" {
				writeJSON(&b, jsonbForm(e))
			} else {
				writeCompactJSON(&b, e)
			}
		}
		b.WriteByte(']')
	default:
		writeCompactJSON(&b, v)
	}
	return b.String(), nil
}

// structured reports whether a json_agg element is an object or an array (a row or an
// array in PostgreSQL, which json_agg puts on a new line).
func structured(v any) bool {
	switch v.(type) {
	case *jobj, []any:
		return true
	}
	return false
}

// writeCompactJSON writes v without spaces, in its order, as to_json does.
func writeCompactJSON(b *bytes.Buffer, v any) { writeJSONSep(b, v, ",", ":") }

// jsonColumnsAsText prepares a described query again, when one of its result columns
// is DuckDB JSON (a json or jsonb column, an expression over one), so that those
// columns arrive as text written by sluice_json_out: duckdb-go hands JSON over parsed,
// which makes a json null SQL NULL and loses json's text as stored (DuckDB keeps it as
// written). p keeps its statement when DuckDB refuses the wrapped query.
func (ss *session) jsonColumnsAsText(ctx context.Context, c *duckdb.Conn, p *plan) {
	if p.kind != kindRows || p.stmt == nil {
		return
	}
	st, err := p.stmt.StatementType()
	if err == nil && (st == duckdb.STATEMENT_TYPE_INSERT || st == duckdb.STATEMENT_TYPE_UPDATE || st == duckdb.STATEMENT_TYPE_DELETE) {
		ss.jsonReturningAsText(ctx, c, p) // jsonb.go
		return
	}
	if err != nil || st != duckdb.STATEMENT_TYPE_SELECT {
		return
	}
	var wrap []int
	for i := range p.cols {
		if p.cols[i].Oid != oidJSON && p.cols[i].Oid != pgtype.JSONBOID {
			continue
		}
		if info, err := p.stmt.ColumnTypeInfo(i); err == nil && info != nil && strings.EqualFold(info.Alias(), "json") {
			wrap = append(wrap, i)
		}
	}
	if len(wrap) == 0 {
		return
	}
	if !p.wrapColumns(ctx, c, wrap, "sluice_json_q", func(i int, name string) string {
		style := "json"
		if p.cols[i].Oid == pgtype.JSONBOID {
			style = "jsonb"
		}
		return fmt.Sprintf("sluice_json_out(CAST(%s AS VARCHAR), '%s')", name, style)
	}) {
		return
	}
	for _, i := range wrap {
		p.convs[i] = toText
	}
}

// jsonbForm gives a value read as json jsonb's key order (the last duplicate kept).
func jsonbForm(v any) any {
	switch x := v.(type) {
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonbForm(e)
		}
		return out
	case *jobj:
		o := &jobj{}
		for i, k := range x.keys {
			o.set(k, jsonbForm(x.vals[i]))
		}
		o.sortKeys()
		return o
	}
	return v
}
