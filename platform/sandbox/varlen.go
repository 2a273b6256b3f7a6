package sandbox

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jeroenrinzema/psql-wire/codes"

	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// The session's side of varchar(n) and char(n) (pgsql/varlen.go): what INSERT,
// UPDATE, ON CONFLICT DO UPDATE and COPY FROM write into a column declared so is
// refused with 22001 when longer than n characters (blanks beyond n are cut), and a
// char(n) value is stored without trailing blanks.

// registerVarlen adds pgsql.VarlenFunc.
func registerVarlen(c *sql.Conn) error {
	text, err := duckdb.NewTypeInfo(duckdb.TYPE_VARCHAR)
	if err != nil {
		return err
	}
	integer, err := duckdb.NewTypeInfo(duckdb.TYPE_INTEGER)
	if err != nil {
		return err
	}
	return duckdb.RegisterScalarUDF(c, pgsql.VarlenFunc, varlenFunc{in: []duckdb.TypeInfo{text, integer, integer}, out: text})
}

type varlenFunc struct {
	in  []duckdb.TypeInfo
	out duckdb.TypeInfo
}

// Config declares sluice_varlen(VARCHAR, INTEGER, INTEGER) → VARCHAR.
func (f varlenFunc) Config() duckdb.ScalarFuncConfig {
	return duckdb.ScalarFuncConfig{InputTypeInfos: f.in, ResultTypeInfo: f.out}
}

// Executor runs pgsql.VarlenValue.
func (f varlenFunc) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{RowExecutor: func(values []driver.Value) (any, error) {
		s, _ := values[0].(string)
		n, _ := values[1].(int32)
		blank, _ := values[2].(int32)
		c := pgsql.VarlenColumn{N: int(n), Blank: blank != 0}
		out, ok := pgsql.VarlenValue(s, c)
		if !ok {
			return nil, errors.New(pgsql.VarlenMessage(c))
		}
		return out, nil
	}}
}

// boundedColumns returns the columns declared varchar(n) or char(n) of every table,
// by DuckDB's schema and table name (lower case) and column name (lower case).
func (ss *session) boundedColumns(ctx context.Context) map[[2]string]map[string]pgsql.VarlenColumn {
	var out map[[2]string]map[string]pgsql.VarlenColumn
	_ = ss.raw(func(c *duckdb.Conn) error {
		d := ss.declared(ctx, c)
		for t, cols := range d.tables {
			for name, dt := range cols {
				if (dt.oid != pgtype.VarcharOID && dt.oid != pgsql.BPCharOID) || dt.typmod <= 4 {
					continue
				}
				if out == nil {
					out = map[[2]string]map[string]pgsql.VarlenColumn{}
				}
				if out[t] == nil {
					out[t] = map[string]pgsql.VarlenColumn{}
				}
				out[t][name] = pgsql.VarlenColumn{N: int(dt.typmod - 4), Blank: dt.oid == pgsql.BPCharOID}
			}
		}
		return nil
	})
	return out
}

// varlen rewrites an INSERT or UPDATE that writes a table with varchar(n) or char(n)
// columns (pgsql.VarlenAssign), after the front end and the numeric checks, before
// the upsert rewrite; a literal too long is the statement's error (22001).
func (ss *session) varlen(ctx context.Context, p *plan) error {
	if ss.srv.noFrontEnd {
		return nil
	}
	if p.tag == "ALTER TABLE" && containsFold(p.sql, "char") {
		if sql, ok := pgsql.VarlenAlter(p.sql, p.duck); ok {
			p.duck = sql
		}
		return nil
	}
	read := p.tag == "SELECT" || p.tag == "DELETE"
	if p.tag != "INSERT" && p.tag != "UPDATE" && !read || read && !pgsql.BlankLiteral(p.duck) {
		return nil
	}
	bounded := ss.boundedColumns(ctx)
	if len(bounded) == 0 {
		return nil
	}
	ss.blankCompare(p, bounded)
	if read {
		return nil
	}
	named := false
	for t := range bounded {
		named = named || containsFold(p.duck, t[1])
	}
	if !named {
		return nil
	}
	sql, err, ok := pgsql.VarlenAssign(p.duck, func(schema, table string) pgsql.VarlenTable {
		if schema == "" {
			schema = "main"
		}
		cols := bounded[[2]string{strings.ToLower(schema), strings.ToLower(table)}]
		if len(cols) == 0 {
			return pgsql.VarlenTable{}
		}
		return pgsql.VarlenTable{Columns: ss.tableColumns(ctx, schema, table).names, Bounded: cols}
	})
	if err != nil {
		return &sqlError{code: codes.StringDataRightTruncation, msg: err.Error()}
	}
	if ok {
		p.duck = sql
	}
	return nil
}

// varlenCopy makes COPY FROM's conversions of columns declared varchar(n) or char(n)
// apply their rules.
func (ss *session) varlenCopy(ctx context.Context, schema, table string, load *copyLoad) {
	if schema == "" {
		schema = "main"
	}
	cols := ss.boundedColumns(ctx)[[2]string{strings.ToLower(schema), strings.ToLower(table)}]
	if len(cols) == 0 {
		return
	}
	for i, n := range load.names {
		if c, ok := cols[strings.ToLower(n)]; ok && i < len(load.convs) {
			load.convs[i] = varlenConv(load.convs[i], c)
		}
	}
}

func varlenConv(inner fieldConv, c pgsql.VarlenColumn) fieldConv {
	return func(dst, src []byte) ([]byte, error) {
		out, err := inner(dst, src)
		if err != nil {
			return out, err
		}
		v, ok := pgsql.VarlenValue(string(out[len(dst):]), c)
		if !ok {
			return nil, &sqlError{code: codes.StringDataRightTruncation, msg: pgsql.VarlenMessage(c)}
		}
		return append(out[:len(dst)], v...), nil
	}
}

// blankCompare makes comparisons of char(n) columns with literals and parameters
// ignore trailing blanks (pgsql.BlankCompare).
func (ss *session) blankCompare(p *plan, bounded map[[2]string]map[string]pgsql.VarlenColumn) {
	named := false
	for t, cols := range bounded {
		for _, c := range cols {
			named = named || c.Blank && containsFold(p.duck, t[1])
		}
	}
	if !named || !pgsql.BlankLiteral(p.duck) {
		return
	}
	sql, ok := pgsql.BlankCompare(p.duck, func(schema, table string) map[string]bool {
		var out map[string]bool
		for name, c := range bounded[[2]string{strings.ToLower(schema), strings.ToLower(table)}] {
			if c.Blank {
				if out == nil {
					out = map[string]bool{}
				}
				out[name] = true
			}
		}
		return out
	})
	if ok {
		p.duck = sql
	}
}
