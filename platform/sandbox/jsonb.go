package sandbox

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jeroenrinzema/psql-wire/codes"
	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// jsonb's normal text (pgsql/jsonb.go, pgsql/jsonb_rewrite.go): DuckDB's jsonb is its
// JSON type, which keeps text as written and compares it as text, so the sandbox
// stores jsonb values in the text PostgreSQL's jsonb_out writes. sluice_jsonb gives
// that text; the front end routes casts to jsonb through it, and the session has what
// INSERT, UPDATE and COPY FROM write into columns declared jsonb go through it too.

func init() {
	addPGFunc(pgsql.JSONBFunc, &pgFunc{in: []duckdb.Type{tText}, out: tText, fn: func(a []driver.Value) (any, error) {
		s, _ := argString(a[0])
		return normalJSONB(s)
	}})
	addPGFunc(pgsql.JSONBKeyFunc, &pgFunc{in: []duckdb.Type{tText}, out: tBlob, fn: func(a []driver.Value) (any, error) {
		s, _ := argString(a[0])
		return pgsql.JSONBSortKey(s)
	}})
}

// normalJSONB is jsonb's normal text of s, or PostgreSQL's error for it.
func normalJSONB(s string) (string, error) {
	out, err := pgsql.NormalizeJSONB(s)
	var je *pgsql.JSONBError
	if errors.As(err, &je) {
		// DuckDB passes on the message only: errors.go finds the SQLSTATE by it.
		return "", errors.New(je.Msg)
	}
	return out, err
}

// jsonbText writes a value the jsonb functions computed as jsonb's normal text.
func jsonbText(v any) string {
	s := jsonText(v)
	if out, err := pgsql.NormalizeJSONB(s); err == nil {
		return out
	}
	return s
}

// jsonbColumns returns the columns of a table in order and which are declared jsonb;
// nil when none is (or the table is unknown).
func (ss *session) jsonbColumns(ctx context.Context, c *duckdb.Conn, schema, table string) ([]string, []bool) {
	d := ss.declared(ctx, c)
	decl := d.tables[lowerKey([2]string{schema, table})]
	some := false
	for _, t := range decl {
		some = some || t.oid == pgtype.JSONBOID
	}
	if !some {
		return nil, nil
	}
	names := d.tableColumnNames(ctx, c, lowerKey([2]string{schema, table}))
	jsonb := make([]bool, len(names))
	for i, n := range names {
		jsonb[i] = decl[strings.ToLower(n)].oid == pgtype.JSONBOID
	}
	return names, jsonb
}

// wrapJSONBTargets rewrites p's DuckDB statement so that what an INSERT or UPDATE
// writes into a column declared jsonb is jsonb's normal text (pgsql.WrapJSONB), and the
// string literals compared with such a column too (pgsql.JSONBLiterals).
func (ss *session) wrapJSONBTargets(ctx context.Context, p *plan) {
	if ss.srv.noFrontEnd || p.tag != "INSERT" && p.tag != "UPDATE" && !strings.Contains(p.duck, "'") {
		return
	}
	_ = ss.raw(func(c *duckdb.Conn) error {
		cols := ss.jsonbColumnNames(ctx, c)
		if len(cols) == 0 {
			return nil
		}
		if strings.Contains(p.duck, "'") && mentions(p.duck, cols) {
			if sql, ok := pgsql.JSONBLiterals(p.duck, func(tables [][2]string, col string) bool {
				for _, t := range tables {
					if names, jsonb := ss.jsonbColumns(ctx, c, t[0], t[1]); names != nil {
						for i, n := range names {
							if jsonb[i] && strings.EqualFold(n, col) {
								return true
							}
						}
					}
				}
				return false
			}); ok {
				p.duck = sql
			}
		}
		if p.tag != "INSERT" && p.tag != "UPDATE" {
			return nil
		}
		sql, ok, err := pgsql.WrapJSONB(p.duck, func(schema, table string) ([]string, []bool) {
			return ss.jsonbColumns(ctx, c, schema, table)
		}, func(query string) (int, error) {
			st, err := c.PrepareContext(ctx, query)
			if err != nil {
				return 0, err
			}
			defer st.Close()
			ds, ok := st.(*duckdb.Stmt)
			if !ok {
				return 0, fmt.Errorf("sandbox: unexpected statement %T", st)
			}
			return ds.ColumnCount()
		})
		if err == nil && ok {
			p.duck = sql
		}
		return nil
	})
}

// jsonbColumnNames returns the names (lower case) of the columns declared jsonb in any
// table: most databases have none, and their statements are not parsed again.
func (ss *session) jsonbColumnNames(ctx context.Context, c *duckdb.Conn) []string {
	var names []string
	for _, cols := range ss.declared(ctx, c).tables {
		for name, t := range cols {
			if t.oid == pgtype.JSONBOID {
				names = append(names, name)
			}
		}
	}
	return names
}

// mentions reports whether sql holds one of names (lower case), in any case.
func mentions(sql string, names []string) bool {
	low := strings.ToLower(sql)
	for _, n := range names {
		if strings.Contains(low, n) {
			return true
		}
	}
	return false
}

// copyJSONB returns q, the INSERT … SELECT a COPY FROM runs into table with the target
// columns names, with the values for columns declared jsonb read through sluice_jsonb.
func (ss *session) copyJSONB(ctx context.Context, table string, names []string, q string) string {
	if ss.srv.noFrontEnd {
		return q
	}
	schema, tbl := splitCopyTable(table)
	if schema == "" || schema == "public" {
		schema = "main"
	}
	var cols []string
	var jsonb []bool
	_ = ss.raw(func(c *duckdb.Conn) error {
		cols, jsonb = ss.jsonbColumns(ctx, c, unquoteName(schema), unquoteName(tbl))
		return nil
	})
	if cols == nil {
		return q
	}
	isJSONB := func(n string) bool {
		for i, c := range cols {
			if strings.EqualFold(c, unquoteName(n)) {
				return jsonb[i]
			}
		}
		return false
	}
	at := strings.Index(q, " SELECT ")
	if at < 0 {
		return q
	}
	var sel, alias []string
	some := false
	for i, n := range names {
		name := fmt.Sprintf("sluice_c%d", i+1)
		alias = append(alias, name)
		if isJSONB(n) {
			name, some = pgsql.JSONBFunc+"(CAST("+name+" AS VARCHAR))", true
		}
		sel = append(sel, name)
	}
	if !some {
		return q
	}
	return q[:at] + " SELECT " + strings.Join(sel, ", ") + " FROM (" + q[at+1:] + ") AS sluice_jsrc(" + strings.Join(alias, ", ") + ")"
}

// oidJSONB is jsonb's type OID.
const oidJSONB = pgtype.JSONBOID

// jsonbParamRE finds the parameters the front end reads as jsonb text (a cast $n::jsonb,
// a parameter written into a jsonb column): pgsql.jsonbValue writes them so.
var jsonbParamRE = regexp.MustCompile(`sluice_jsonb\(\$(\d+)(?:::"?varchar"?)?::"?json"?::string\)`)

// jsonbParams returns the parameters of duck that are jsonb values, which the session
// announces as jsonb (3802), as PostgreSQL does: a client then sends a map as json.
func jsonbParams(duck string) map[int]bool {
	if !strings.Contains(duck, "sluice_jsonb($") {
		return nil
	}
	ps := map[int]bool{}
	for _, m := range jsonbParamRE.FindAllStringSubmatch(duck, -1) {
		n, _ := strconv.Atoi(m[1])
		ps[n] = true
	}
	return ps
}

// jsonbParamValue is the text of a jsonb parameter: as sent in the text format, after
// the version byte (1) in the binary format.
func jsonbParamValue(b []byte, binary bool) (string, error) {
	if !binary {
		return string(b), nil
	}
	if len(b) == 0 || b[0] != 1 {
		return "", &sqlError{code: codes.InvalidBinaryRepresentation, msg: "unsupported jsonb version number"}
	}
	return string(b[1:]), nil
}

// jsonReturningAsText has the json and jsonb values of an INSERT, UPDATE or DELETE's
// RETURNING list arrive as text written by sluice_json_out, as a query's do
// (jsonColumnsAsText): a column declared jsonb in jsonb's normal text, announced as
// jsonb, others as json keeping their text (a json null is null).
func (ss *session) jsonReturningAsText(ctx context.Context, c *duckdb.Conn, p *plan) {
	var wrap []int
	for i := range p.cols {
		if p.cols[i].Oid != oidJSON && p.cols[i].Oid != oidJSONB {
			continue
		}
		if info, err := p.stmt.ColumnTypeInfo(i); err == nil && info != nil && strings.EqualFold(info.Alias(), "json") {
			wrap = append(wrap, i)
		}
	}
	if len(wrap) == 0 || len(p.duckCol) != len(p.cols) {
		return
	}
	schema, table, ok := pgsql.DMLTarget(p.duck)
	if !ok {
		return
	}
	names, jsonb := ss.jsonbColumns(ctx, c, schema, table)
	styleOf := func(col string) string {
		for i, n := range names {
			if col != "" && strings.EqualFold(n, col) && jsonb[i] {
				return "jsonb"
			}
		}
		return "json"
	}
	sql, styles, ok := pgsql.ReturningJSON(p.duck, styleOf, wrap, p.duckCol)
	if !ok {
		return
	}
	ds, err := c.PrepareContext(ctx, sql)
	if err != nil {
		return
	}
	p.closeStmt()
	p.duck, p.stmt = sql, ds.(*duckdb.Stmt)
	for k, i := range wrap {
		p.convs[i] = toText
		if k < len(styles) && styles[k] == "jsonb" || p.cols[i].Oid == oidJSONB {
			p.cols[i].Oid = oidJSONB
		} else {
			p.cols[i].Oid = oidJSON
		}
	}
}

// castJSONBOperands returns sql with the columns declared jsonb that are operands of
// jsonb operators cast to jsonb (pgsql.CastJSONBOperands), for the front end to read.
func (ss *session) castJSONBOperands(ctx context.Context, sql string) string {
	if ss.srv.noFrontEnd || !strings.ContainsAny(sql, "-#@<?|") && !strings.Contains(strings.ToLower(sql), "order") {
		return sql
	}
	_ = ss.raw(func(c *duckdb.Conn) error {
		cols := ss.jsonbColumnNames(ctx, c)
		if len(cols) == 0 || !mentions(sql, cols) {
			return nil
		}
		if out, ok := pgsql.CastJSONBOperands(sql, func(tables [][2]string, col string) bool {
			return ss.onlyJSONB(ctx, c, tables, col)
		}); ok {
			sql = out
		}
		return nil
	})
	return sql
}

// onlyJSONB reports whether col names a column declared jsonb in one of tables, and a
// column of no other type in them.
func (ss *session) onlyJSONB(ctx context.Context, c *duckdb.Conn, tables [][2]string, col string) bool {
	d := ss.declared(ctx, c)
	found := false
	for _, t := range tables {
		key := lowerKey(t)
		for _, n := range d.tableColumnNames(ctx, c, key) {
			if !strings.EqualFold(n, col) {
				continue
			}
			if d.tables[key][strings.ToLower(n)].oid != pgtype.JSONBOID {
				return false
			}
			found = true
		}
	}
	return found
}
